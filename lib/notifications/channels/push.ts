import https from 'node:https';
import net from 'node:net';
import webpush, { WebPushError } from 'web-push';
import type { PushChannel } from './types';

export type VapidConfig = { publicKey: string; privateKey: string; subject: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `web-push` always speaks https (and only takes an https.Agent). A push service on this machine
 * over plain http (a development or test endpoint; validation accepts http only for loopback)
 * gets an https agent whose connections are plain TCP.
 */
function loopbackHttpAgent(endpoint: string): https.Agent | undefined {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  const agent = new https.Agent();
  Object.assign(agent, { createConnection: (options: net.NetConnectOpts) => net.createConnection(options) });
  return agent;
}

/**
 * Web Push with VAPID. The payload is the JSON the service worker shows: { title, body, link }.
 * 404 and 410 mean the subscription is gone (the browser unsubscribed or the service expired it):
 * permanent, and the caller deletes it. 429 and 5xx are the service's trouble: retried.
 */
export function createPushChannel(vapid: VapidConfig): PushChannel {
  return {
    name: 'webpush',
    async deliver({ subscription, payload }) {
      const agent = loopbackHttpAgent(subscription.endpoint);
      try {
        const response = await webpush.sendNotification(
          { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
          JSON.stringify(payload),
          { vapidDetails: vapid, TTL: 24 * 3600, timeout: 10_000, ...(agent ? { agent } : {}) },
        );
        return { ok: true, providerMessageId: response.headers.location?.slice(-100) ?? null };
      } catch (error) {
        if (error instanceof WebPushError) {
          const gone = error.statusCode === 404 || error.statusCode === 410;
          const permanent = gone || (error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429);
          return { ok: false, permanent, gone, reason: `push ${error.statusCode}` };
        }
        return { ok: false, permanent: false, reason: `push unreachable: ${error instanceof Error ? error.message.slice(0, 200) : 'error'}` };
      } finally {
        agent?.destroy();
      }
    },
  };
}
