import { describe, expect, it } from 'vitest';
import { redact, redactString } from '../../../src/shape/redact.ts';

describe('redactString', () => {
  it.each([
    ['AWS access key id', 'using AKIAIOSFODNN7EXAMPLE for s3', 'using [REDACTED:aws_access_key_id] for s3'],
    ['AWS session key id', 'ASIAY34FZKBOKMUTVV7A', '[REDACTED:aws_access_key_id]'],
    [
      'AWS secret key in an ini file',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [REDACTED:secret]',
    ],
    [
      'AWS secret key in SDK JSON',
      '{"AccessKeyId":"x","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}',
      '{"AccessKeyId":"x","SecretAccessKey":"[REDACTED:secret]"}',
    ],
    [
      'GitHub token',
      'clone with ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'clone with [REDACTED:github_token]',
    ],
    [
      'GitHub fine-grained token',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
      '[REDACTED:github_token]',
    ],
    ['Slack bot token', 'slack xoxb-123456789012-1234567890123-AbCdEfGhIjKl', 'slack [REDACTED:slack_token]'],
    [
      'Slack webhook',
      'post to https://hooks.slack.com/services/T000/B000/XXXXXXXX',
      'post to [REDACTED:slack_webhook]',
    ],
    ['Stripe live key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', '[REDACTED:stripe_key]'],
    ['GCP API key', 'key=AIzaSyA1234567890abcdefghijklmnopqrstuv', 'key=[REDACTED:gcp_api_key]'],
    ['GCP OAuth token', 'ya29.a0AfH6SMBx1234567890abcdefghij', '[REDACTED:gcp_oauth_token]'],
    [
      'JWT',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U issued',
      'token [REDACTED:jwt] issued',
    ],
    ['Bearer token', 'curl -H "Bearer abcdefghij0123456789xyz"', 'curl -H "Bearer [REDACTED:bearer]"'],
    [
      'Authorization header',
      'Authorization: Basic dXNlcjpwYXNzd29yZA==',
      'Authorization: Basic [REDACTED:authorization]',
    ],
    [
      'password in a URL',
      'postgres://admin:s3cr3t@db.internal:5432/app',
      'postgres://admin:***@db.internal:5432/app',
    ],
    ['password containing @ in a URL', 'redis://default:p@ss@cache:6379', 'redis://default:***@cache:6379'],
    [
      'connection string password',
      'Server=db;User Id=sa;Password=Pa55w0rd!;Database=orders',
      'Server=db;User Id=sa;Password=[REDACTED:password];Database=orders',
    ],
    [
      'connection string pwd',
      'Driver={x};Uid=app;Pwd=hunter2;',
      'Driver={x};Uid=app;Pwd=[REDACTED:password];',
    ],
    ['env assignment', 'DB_PASSWORD=hunter2', 'DB_PASSWORD=[REDACTED:password]'],
    ['quoted assignment with spaces', 'api_key="correct horse battery"', 'api_key="[REDACTED:api_key]"'],
    ['YAML secret', '  client_secret: s3cr3t-value', '  client_secret: [REDACTED:secret]'],
    ['YAML password that is a plain word', 'password: changeme', 'password: [REDACTED:password]'],
    ['escaped JSON inside a log line', '{\\"token\\":\\"abc123\\"}', '{\\"token\\":\\"[REDACTED:token]\\"}'],
  ])('masks a %s', (_kind, input, expected) => {
    expect(redactString(input)).toEqual({ text: expected, count: 1 });
  });

  it('masks a PEM private key as one block, even when cut off', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nq3N0\n-----END RSA PRIVATE KEY-----';
    expect(redactString(`key:\n${pem}\nafter`)).toEqual({
      text: 'key:\n[REDACTED:private_key]\nafter',
      count: 1,
    });
    expect(redactString('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg')).toEqual({
      text: '[REDACTED:private_key]',
      count: 1,
    });
  });

  it('counts a secret once even when several patterns could match it', () => {
    const header = 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz';
    expect(redactString(header)).toEqual({ text: 'Authorization: Bearer [REDACTED:jwt]', count: 1 });
    expect(redactString('token=ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toEqual({
      text: 'token=[REDACTED:github_token]',
      count: 1,
    });
  });

  it('counts every secret in a text', () => {
    const text = 'a=AKIAIOSFODNN7EXAMPLE b=AKIAI44QH8DHBEXAMPLE password=x1 url=https://u:p@h/';
    expect(redactString(text).count).toBe(4);
  });

  it.each([
    'password reset email sent to ops@example.com',
    'request 550e8400-e29b-41d4-a716-446655440000 from 10.0.12.7:8443 took 12ms',
    'commit 3f9a1c2e8b7d6f5a4c3b2a1f0e9d8c7b6a5f4e3d sha256:9f86d081884c7d659a2feaa0c55ad015',
    'invalid token: expired signature',
    'Bearer authentication failed for user bob',
    'max_tokens=4096 nextToken=AAEAAQ token_count=12 tokens: 300',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell placeholder, not a secret
    'PWD=/home/app OLDPWD=/tmp private_key: /etc/ssl/private/tls.key password=${DB_PASSWORD}',
    'GET https://api.example.com:8443/v1/users?page=2 200',
    'pod web-7d9f8b6c5-x2x9k restarted (OOMKilled), exit code 137',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactString(text)).toEqual({ text, count: 0 });
  });

  it('is fast on large log text', () => {
    const line =
      '2024-05-01T12:00:00Z INFO request id=550e8400-e29b-41d4-a716-446655440000 ip=10.0.0.1 took 12ms path=/api/v1\n';
    const text = `${line.repeat(20_000)}password=hunter2\n`;
    const started = performance.now();
    const { count } = redactString(text);
    expect(count).toBe(1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('redact', () => {
  it('masks string values at any depth and counts them, leaving keys and other types alone', () => {
    const input = {
      pods: [{ name: 'web-1', env: ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'LOG_LEVEL=info'] }],
      restarts: 3,
      ready: true,
      AKIAIOSFODNN7EXAMPLE: 'key names are not masked',
    };
    const { value, redactions } = redact(input);
    expect(redactions).toBe(1);
    expect(value).toEqual({
      pods: [{ name: 'web-1', env: ['AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key_id]', 'LOG_LEVEL=info'] }],
      restarts: 3,
      ready: true,
      AKIAIOSFODNN7EXAMPLE: 'key names are not masked',
    });
    expect(input.pods[0]!.env[0]).toBe('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE');
  });

  it('masks values whose key names a secret, but not pagination cursors', () => {
    const { value, redactions } = redact({
      password: 'hunter2',
      apiKey: 'k-123',
      nextToken: 'abc',
      secretName: 'db',
    });
    expect(value).toEqual({
      password: '[REDACTED:password]',
      apiKey: '[REDACTED:api_key]',
      nextToken: 'abc',
      secretName: 'db',
    });
    expect(redactions).toBe(2);
  });

  it('returns the same shape with no redactions for clean output', () => {
    const input = { items: [{ id: 'a', n: 1 }], empty: null };
    expect(redact(input)).toEqual({ value: input, redactions: 0 });
  });
});
