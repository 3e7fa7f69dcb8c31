import type { NextConfig } from 'next';

export declare const SERVER_ACTION_BODY_LIMIT: `${number}mb`;
declare const nextConfig: NextConfig;
export default nextConfig;
