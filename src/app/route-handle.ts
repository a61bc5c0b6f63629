/**
 * What a route tells the shell about its page. In a module of its own so that the shell, which
 * reads it, and the routes, which set it, need not import each other (routes.tsx renders the
 * root layout, which renders the shell).
 */
export interface RouteHandle {
  wide?: boolean;
}
