/** What other areas use of Auth: who is signed in, signing out, and the account menu. */
export type { MeView } from './api/answers';
export { meQueryOptions } from './api/me-query';
export { useSignOut } from './use-sign-out';
export { UserMenu } from './components/user-menu';
