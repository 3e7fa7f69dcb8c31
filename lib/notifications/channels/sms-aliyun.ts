import { createHmac, randomUUID } from 'node:crypto';
import type { SmsTemplate } from '../categories';
import type { DeliveryResult, SmsChannel } from './types';

// 阿里云短信服务 SendSms (API version 2017-05-25), an RPC-style API: every parameter goes in the
// query string, signed with HMAC-SHA1 (signature version 1.0) as Alibaba Cloud's "signature
// mechanism" documents it:
//   1. percent-encode each name and value (UTF-8; unreserved A-Z a-z 0-9 - _ . ~ stay; space is
//      %20, never +; * is %2A), sort by name, join name=value with &: the canonicalised query;
//   2. StringToSign = "GET" + "&" + encode("/") + "&" + encode(canonicalised query);
//   3. Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)), sent as a parameter.

export type AliyunSmsConfig = {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCodes: Record<SmsTemplate, string>;
  /** Per request; a provider that does not answer is a temporary failure. */
  timeoutMs?: number;
};

/** RFC 3986 encoding as the signature needs it (encodeURIComponent leaves ! ' ( ) * alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join('&');
}

export function stringToSign(method: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function rpcSignature(accessKeySecret: string, method: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params)).digest('base64');
}

/** The signed query string of one SendSms request. */
export function signedSendSmsQuery(config: AliyunSmsConfig, message: { phone: string; template: SmsTemplate; params: Record<string, string> }, now: Date, nonce: string): string {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: message.phone,
    SignName: config.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: config.templateCodes[message.template],
    TemplateParam: JSON.stringify(message.params),
    // ISO 8601 in UTC without milliseconds, as the API's examples write it.
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  return `${canonicalQuery(params)}&Signature=${percentEncode(rpcSignature(config.accessKeySecret, 'GET', params))}`;
}

// Codes that say this message can never go out as it is: retrying only spends money and time.
const PERMANENT_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.PARAM_NOT_SUPPORT_URL',
  'isv.INVALID_JSON_PARAM',
  'isv.INVALID_PARAMETERS',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_CONTENT_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.EXTEND_CODE_ERROR',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
]);

/**
 * What an answer means. Throttling (isv.BUSINESS_LIMIT_CONTROL, Throttling.*), a provider fault
 * (5xx, InternalError, ServiceUnavailable), an empty balance and a credential the operator may
 * still fix (InvalidAccessKeyId.*, SignatureDoesNotMatch) are retried; the codes above are not.
 * The provider's Message is left out of the reason on purpose: on a signature mismatch it echoes
 * the whole string it signed — the number and the template's parameters, a code among them.
 */
export function classifyAliyunAnswer(httpStatus: number, body: { Code?: string; BizId?: string; RequestId?: string }): DeliveryResult {
  if (httpStatus === 200 && body.Code === 'OK') return { ok: true, providerMessageId: body.BizId ?? body.RequestId ?? null };
  const code = body.Code ?? `HTTP ${httpStatus}`;
  const reason = `aliyun ${httpStatus} ${code}${body.RequestId ? ` (RequestId ${body.RequestId})` : ''}`;
  return { ok: false, permanent: PERMANENT_CODES.has(code), reason };
}

export function createAliyunSmsChannel(config: AliyunSmsConfig): SmsChannel {
  return {
    name: 'aliyun',
    async deliver(message) {
      const query = signedSendSmsQuery(config, message, new Date(), randomUUID());
      const url = `${config.endpoint.replace(/\?.*$/, '')}?${query}`;
      let response: Response;
      try {
        response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(config.timeoutMs ?? 10_000) });
      } catch (error) {
        return { ok: false, permanent: false, reason: `aliyun unreachable: ${error instanceof Error ? error.name : 'error'}` };
      }
      let body: { Code?: string; BizId?: string; RequestId?: string } = {};
      try {
        body = (await response.json()) as typeof body;
      } catch {
        // A proxy's HTML error page: classified by its status alone.
      }
      return classifyAliyunAnswer(response.status, body);
    },
  };
}
