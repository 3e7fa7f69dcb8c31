import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

// The SMS settings are checked at start, with messages that say what is missing, never a value.

const envOf = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: 'test', ...vars });

const aliyun = {
  SMS_PROVIDER: 'aliyun',
  SMS_ALIYUN_ACCESS_KEY_ID: 'LTAI5tExample',
  SMS_ALIYUN_ACCESS_KEY_SECRET: 'very-secret-value',
  SMS_SIGN_NAME: '流动e家',
  SMS_TEMPLATE_IMPORTANT_NOTICE: 'SMS_1',
  SMS_TEMPLATE_ACTIVITY_REMINDER: 'SMS_2',
  SMS_TEMPLATE_ACTIVATION_CODE: 'SMS_3',
  SMS_TEMPLATE_RESET_CODE: 'SMS_4',
};

describe('SMS configuration', () => {
  it('defaults to the file outbox and Aliyun’s endpoint', () => {
    const e = readEnv(envOf({}));
    expect(e.SMS_PROVIDER).toBe('file');
    expect(e.SMS_ENDPOINT).toBe('https://dysmsapi.aliyuncs.com/');
  });

  it('accepts a complete Aliyun configuration', () => {
    expect(readEnv(envOf(aliyun)).SMS_PROVIDER).toBe('aliyun');
  });

  it('names each missing Aliyun setting in Chinese and never prints the secret', () => {
    const { SMS_SIGN_NAME: _sign, SMS_TEMPLATE_RESET_CODE: _reset, ...incomplete } = aliyun;
    let message = '';
    try {
      readEnv(envOf({ ...incomplete, SMS_ENDPOINT: 'not a url' }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SMS_PROVIDER=aliyun 时必须设置 SMS_SIGN_NAME（短信签名）');
    expect(message).toContain('SMS_TEMPLATE_RESET_CODE（重置码的模板 CODE）');
    expect(message).toContain('SMS_ENDPOINT 必须是完整网址');
    expect(message).not.toContain('very-secret-value');
  });

  it('refuses an unknown provider with a Chinese explanation', () => {
    expect(() => readEnv(envOf({ SMS_PROVIDER: 'tencent' }))).toThrow(/SMS_PROVIDER 只能是 file/);
  });
});
