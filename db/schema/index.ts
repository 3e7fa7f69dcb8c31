export * from './orgs';
export * from './members';
export * from './platform';
