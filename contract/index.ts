export * from './errors';
export * from './headers';
export * from './health';
export * from './identifier';
export * from './me';
export * from './tables';
export * from './organizations';
export * from './workspaces';
