import { describe, expect, it } from 'vitest';
import { containsSecrets, hideSecrets, isSecretEntry, isSecretKey } from './secrets.ts';

describe('isSecretKey', () => {
  it.each([
    'authcode',
    'authCode',
    'AuthCode',
    'AUTHCODE',
    'auth_code',
    'AUTH_CODE',
    'auth-code',
    'authinfo',
    'authInfo',
    'auth_info_pw',
    'password',
    'newPassword',
    'PASSWORD',
    'passwd',
    'pwd',
    'secret',
    'clientSecret',
    'client_secret',
    'token',
    'accessToken',
    'refresh_token',
    'apikey',
    'apiKey',
    'api_key',
    'API_KEY',
    'x-api-key',
    'privatekey',
    'privateKey',
    'private_key',
    'pin',
    'PIN',
    'registrantPin',
    'pinCode',
    'eppcode',
    'eppCode',
    'EPPCode',
    'epp_code',
    'epp-code',
    'eppAuthCode',
    'epp_auth_code',
    'EPP_AUTH_CODE',
  ])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    '',
    'domainName',
    'code',
    'key',
    'keyTag',
    'publicKey',
    'tokenType',
    'tokenExpiresAt',
    'spin',
    'pinned',
    'shipping',
    'mapping',
    'authcodeRequired',
    'description',
    'status',
    '0',
  ])('%s is not secret', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('isSecretEntry', () => {
  it('needs a value worth hiding', () => {
    expect(isSecretEntry('authcode', 'x')).toBe(true);
    expect(isSecretEntry('authcode', 0)).toBe(true);
    expect(isSecretEntry('authInfo', { pw: 'x' })).toBe(true);
    expect(isSecretEntry('authcode', null)).toBe(false);
    expect(isSecretEntry('authcode', undefined)).toBe(false);
    expect(isSecretEntry('authcode', '')).toBe(false);
    expect(isSecretEntry('domainName', 'x')).toBe(false);
  });
});

describe('containsSecrets', () => {
  it.each([
    [{ authcode: 'x' }, true],
    [{ contacts: [{ handle: 'h', password: 'p' }] }, true],
    [[[{ deep: { apiKey: 'k' } }]], true],
    [{ authcode: null, token: '' }, false],
    [{ domainName: 'example.com', ns: ['ns1.example.net'] }, false],
    [['authcode'], false],
    ['authcode', false],
    [null, false],
    [42, false],
  ])('%j → %s', (value, expected) => {
    expect(containsSecrets(value)).toBe(expected);
  });
});

describe('hideSecrets', () => {
  it('replaces secret values when used as a JSON.stringify replacer', () => {
    const value = {
      domainName: 'example.com',
      authcode: 'S3cr3t',
      authInfo: { pw: 'x' },
      contacts: [{ handle: 'h', pin: 1234, token: null }],
    };
    expect(JSON.parse(JSON.stringify(value, hideSecrets))).toEqual({
      domainName: 'example.com',
      authcode: '[hidden]',
      authInfo: '[hidden]',
      contacts: [{ handle: 'h', pin: '[hidden]', token: null }],
    });
  });
});
