/**
 * What the router (src/app/routes.tsx) mounts of Device sign-in: its screen, in a chunk of its
 * own, downloaded on first visit.
 */
export const loadDeviceScreen = () =>
  import('./components/device-screen').then((module) => module.DeviceScreen);
