import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for 阿里云短信服务 (dysmsapi) on an ephemeral local port. It checks each request as
// the real service documents it — and does so with its own code, not the driver's: the common
// parameters are present, the AccessKeyId is known, the Timestamp is recent, the nonce unused, and
// the Signature is base64(HMAC-SHA1(secret + "&", "GET&%2F&" + encode(sorted canonical query))).

export type FakeAliyunMode = 'ok' | 'server_error' | 'throttled' | 'illegal_number';
export type ReceivedSms = { phone: string; signName: string; templateCode: string; templateParam: Record<string, string> };

const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

export type FakeAliyunSms = {
  endpoint: string;
  /** Messages it accepted (signature good and mode 'ok'). */
  accepted: ReceivedSms[];
  /** Every request whose signature it checked, accepted or not. */
  requests: number;
  refusedSignatures: number;
  mode: FakeAliyunMode;
  close(): Promise<void>;
};

export async function startFakeAliyunSms(keys: { accessKeyId: string; accessKeySecret: string }): Promise<FakeAliyunSms> {
  const nonces = new Set<string>();
  const state: FakeAliyunSms = {
    endpoint: '',
    accepted: [],
    requests: 0,
    refusedSignatures: 0,
    mode: 'ok',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const answer = (response: http.ServerResponse, status: number, body: Record<string, string>) => {
    response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    response.end(JSON.stringify({ RequestId: randomUUID(), ...body }));
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    // Parsed by hand from the raw query: URLSearchParams would turn a stray + into a space.
    const params = new Map<string, string>();
    for (const pair of url.search.slice(1).split('&').filter(Boolean)) {
      const [name, value = ''] = pair.split('=');
      params.set(decodeURIComponent(name), decodeURIComponent(value));
    }
    state.requests++;
    const required = ['AccessKeyId', 'Action', 'Format', 'PhoneNumbers', 'SignName', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'TemplateCode', 'Timestamp', 'Version', 'Signature'];
    const missing = required.find((name) => !params.get(name));
    if (request.method !== 'GET' || missing) return answer(response, 400, { Code: 'MissingParameter', Message: `missing ${missing}` });
    if (params.get('Action') !== 'SendSms' || params.get('Version') !== '2017-05-25' || params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') {
      return answer(response, 400, { Code: 'InvalidParameter', Message: 'unsupported action, version or signature method' });
    }
    if (params.get('AccessKeyId') !== keys.accessKeyId) return answer(response, 404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    const timestamp = params.get('Timestamp')!;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp) || Math.abs(Date.parse(timestamp) - Date.now()) > 15 * 60_000) {
      return answer(response, 400, { Code: 'InvalidTimeStamp.Expired', Message: 'Specified time stamp or date value is expired.' });
    }
    const signed = [...params.keys()].filter((name) => name !== 'Signature').sort();
    const canonical = signed.map((name) => `${encode(name)}=${encode(params.get(name)!)}`).join('&');
    const expected = createHmac('sha1', `${keys.accessKeySecret}&`).update(`GET&${encode('/')}&${encode(canonical)}`).digest('base64');
    if (params.get('Signature') !== expected) {
      state.refusedSignatures++;
      return answer(response, 400, { Code: 'SignatureDoesNotMatch', Message: `Specified signature is not matched with our calculation. server string to sign is:${canonical}` });
    }
    const nonce = params.get('SignatureNonce')!;
    if (nonces.has(nonce)) return answer(response, 400, { Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.' });
    nonces.add(nonce);
    if (state.mode === 'server_error') return answer(response, 500, { Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' });
    if (state.mode === 'throttled') return answer(response, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控' });
    if (state.mode === 'illegal_number') return answer(response, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    state.accepted.push({
      phone: params.get('PhoneNumbers')!,
      signName: params.get('SignName')!,
      templateCode: params.get('TemplateCode')!,
      templateParam: JSON.parse(params.get('TemplateParam') ?? '{}') as Record<string, string>,
    });
    return answer(response, 200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return state;
}

/** A push service on a local port: it records each push and answers with `status` (201, or 410 for a gone subscription). */
export async function startFakePushService(): Promise<{ endpoint: (id: string) => string; received: { path: string; bytes: number; authorization: string }[]; status: number; close(): Promise<void> }> {
  const state = {
    endpoint: (id: string) => `http://127.0.0.1:${port}/push/${id}`,
    received: [] as { path: string; bytes: number; authorization: string }[],
    status: 201,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.received.push({ path: request.url ?? '', bytes: Buffer.concat(chunks).length, authorization: String(request.headers.authorization ?? '') });
      response.writeHead(state.status, state.status === 201 ? { location: `http://127.0.0.1:${port}/message/${state.received.length}` } : {});
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return state;
}
