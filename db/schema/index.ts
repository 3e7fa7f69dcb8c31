export * from './orgs';
export * from './members';
export * from './platform';
export * from './identity';
export * from './audit';
export * from './archive';
export * from './notifications';
export * from './flow';
