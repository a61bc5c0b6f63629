/** Header that picks the organization for workspace endpoints. */
export const ORG_HEADER = 'x-activeloop-org-id';
