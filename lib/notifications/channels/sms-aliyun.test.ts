import { describe, expect, it } from 'vitest';
import { canonicalQuery, classifyAliyunAnswer, percentEncode, rpcSignature, stringToSign } from './sms-aliyun';

describe('Aliyun RPC signature', () => {
  it('percent-encodes as the signature mechanism requires', () => {
    expect(percentEncode('a b*c~d')).toBe('a%20b%2Ac~d');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('流动')).toBe('%E6%B5%81%E5%8A%A8');
    expect(percentEncode('{"code":"123456"}')).toBe('%7B%22code%22%3A%22123456%22%7D');
  });

  it('sorts the parameters and signs GET&%2F&<encoded query> with the secret and &', () => {
    const params = { Version: '2017-05-25', Action: 'SendSms', SignName: '流动e家' };
    expect(canonicalQuery(params)).toBe('Action=SendSms&SignName=%E6%B5%81%E5%8A%A8e%E5%AE%B6&Version=2017-05-25');
    expect(stringToSign('GET', params)).toBe('GET&%2F&Action%3DSendSms%26SignName%3D%25E6%25B5%2581%25E5%258A%25A8e%25E5%25AE%25B6%26Version%3D2017-05-25');
    // The signature changes with the secret (the fake server's check relies on it).
    expect(rpcSignature('secret', 'GET', params)).not.toBe(rpcSignature('secret2', 'GET', params));
    expect(rpcSignature('secret', 'GET', params)).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('tells a refused number (permanent) from throttling and faults (retried)', () => {
    expect(classifyAliyunAnswer(200, { Code: 'OK', BizId: '9006197469364984^0' })).toEqual({ ok: true, providerMessageId: '9006197469364984^0' });
    expect(classifyAliyunAnswer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL' })).toMatchObject({ ok: false, permanent: true });
    expect(classifyAliyunAnswer(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL' })).toMatchObject({ ok: false, permanent: false });
    expect(classifyAliyunAnswer(400, { Code: 'Throttling.User' })).toMatchObject({ ok: false, permanent: false });
    expect(classifyAliyunAnswer(500, {})).toMatchObject({ ok: false, permanent: false, reason: 'aliyun 500 HTTP 500' });
  });
});
