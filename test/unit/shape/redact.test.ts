import { describe, expect, it } from 'vitest';
import {
  maskEchoes,
  maskSplitSecrets,
  redact,
  redactString,
  removedSecrets,
} from '../../../src/shape/redact.ts';

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

describe('values that look like placeholders but are secrets', () => {
  it.each([
    ['$ then mixed case', 'password=$uperS3cretPw!'],
    ['/ then a base64 path', 'secret=/wJalrXUtnFEMI/K7MDENGbPxRfiCY'],
    ['* then more', 'password: *Kq8!vR2mZx'],
    ['{ without a key inside', 'password={S3cr3t-pa55}'],
    ['< without a closing >', 'token=<Zq81mX0pLw'],
    ['[ then letters', 'password=[Hx7!pq2Lm'],
  ])('masks a value starting with %s', (_what, text) => {
    expect(redactString(text)).toMatchObject({ count: 1 });
    expect(redactString(text).text).toMatch(/^[\w]+(=|: )\[REDACTED:(password|secret|token)\]$/);
  });

  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder, not a secret
    'password=${DB_PASSWORD}',
    'password=$DB_PASSWORD',
    'token: <your-token-here>',
    'api_key: "{{ .Values.apiKey }}"',
    'password=***',
    'password_file=/run/secrets/db_password',
    'credentials: {"user": "app"}',
    'secrets: [db-creds]',
  ])('leaves the placeholder in %s', (text) => {
    expect(redactString(text)).toEqual({ text, count: 0 });
  });
});

describe('names that say secret', () => {
  it.each([
    ['SECRET_KEY_BASE=0a1b2c3d4e5f', 'SECRET_KEY_BASE=[REDACTED:secret]'],
    ['encryption_key: 9f8e7d6c5b4a', 'encryption_key: [REDACTED:secret]'],
    [
      'AccountName=shop;AccountKey=q1w2e3r4t5y6==;EndpointSuffix=core.windows.net',
      'AccountName=shop;AccountKey=[REDACTED:secret];EndpointSuffix=core.windows.net',
    ],
    [
      'Endpoint=sb://bus/;SharedAccessKeyName=Root;SharedAccessKey=Zx9Yw8==',
      'Endpoint=sb://bus/;SharedAccessKeyName=Root;SharedAccessKey=[REDACTED:secret]',
    ],
    ['Cookie: session=abc123; theme=dark', 'Cookie: [REDACTED:session]'],
    ['Set-Cookie: _shop_session=Zq81mX0pLwK; Path=/; HttpOnly', 'Set-Cookie: [REDACTED:session]'],
    ['GET /cart;jsessionid=4F9A1C2E8B7D HTTP/1.1', 'GET /cart;jsessionid=[REDACTED:session] HTTP/1.1'],
    ['user=7 session_id=Zq81mX0pLwK action=pay', 'user=7 session_id=[REDACTED:session] action=pay'],
    ['X-Api-Key: Zq81mX0pLwK', 'X-Api-Key: [REDACTED:api_key]'],
    ['Authorization: SSWS 00Zq81mX0pLwK', 'Authorization: SSWS [REDACTED:authorization]'],
    ['migrate --password Hx7pq2Lm9 up', 'migrate --password [REDACTED:password] up'],
    ['curl -u admin:Hx7pq2Lm9 https://x', 'curl -u admin:[REDACTED:password] https://x'],
    ['<password>Hx7pq2Lm9</password>', '<password>[REDACTED:password]</password>'],
    ['STRIPE_KEY=Zq81mX0pLwK3vB7nQ2rT', 'STRIPE_KEY=[REDACTED:secret]'],
  ])('masks %s', (text, expected) => {
    expect(redactString(text).text).toBe(expected);
  });

  it.each([
    'secretName: db-credentials',
    'token_count=12 token_type=refresh nextToken=AAEAAQ',
    'sessionAffinity: ClientIP',
    'publicKey: MCowBQYDK2VwAyEAGb9ECWmEzf6FQbr',
    'primary_key=id sort_key=created_at dedup_key=checkout-5xx',
    'STRIPE_KEY=live-mode',
    'credential: api-key:5e884898da280471',
  ])('leaves %s', (text) => {
    expect(redactString(text)).toEqual({ text, count: 0 });
  });
});

describe('structure', () => {
  it('masks a Kubernetes env entry whose name says secret, in objects and in JSON or YAML text', () => {
    const env = [
      { name: 'DB_PASSWORD', value: 'hunter2' },
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'DB_HOST', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ];
    expect(redact({ env })).toEqual({
      value: {
        env: [
          { name: 'DB_PASSWORD', value: '[REDACTED:password]' },
          { name: 'LOG_LEVEL', value: 'debug' },
          { name: 'DB_HOST', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        ],
      },
      redactions: 1,
    });
    expect(redactString(JSON.stringify({ env })).text).toContain('"value":"[REDACTED:password]"');
    expect(redactString('- name: DB_PASSWORD\n  value: hunter2').text).toBe(
      '- name: DB_PASSWORD\n  value: [REDACTED:password]',
    );
    expect(redactString('{\\"name\\":\\"DB_PASSWORD\\",\\"value\\":\\"hunter2\\"}').text).toBe(
      '{\\"name\\":\\"DB_PASSWORD\\",\\"value\\":\\"[REDACTED:password]\\"}',
    );
  });

  it('masks both sides of a change to a named secret: a ConfigMap key, a diff path', () => {
    const { value } = redact({
      changes: [
        { key: 'DB_PASSWORD', from: 'old-secret', to: 'new-secret' },
        { path: 'data.api-token', from: 'tok-1', to: 'tok-2' },
        { path: 'spec.replicas', from: 2, to: 3 },
      ],
    });
    expect(value.changes).toEqual([
      { key: 'DB_PASSWORD', from: '[REDACTED:password]', to: '[REDACTED:password]' },
      { path: 'data.api-token', from: '[REDACTED:token]', to: '[REDACTED:token]' },
      { path: 'spec.replicas', from: 2, to: 3 },
    ]);
  });

  it("masks a flag's value in an argv array and string items under a secret key", () => {
    expect(redact({ args: ['--db-password', 'hunter2', '--port', '5432'] }).value.args).toEqual([
      '--db-password',
      '[REDACTED:password]',
      '--port',
      '5432',
    ]);
    expect(redact({ 'set-cookie': ['a=1', 'b=2'] }).value['set-cookie']).toEqual([
      '[REDACTED:session]',
      '[REDACTED:session]',
    ]);
  });

  it('masks a private key split over array items and log lines, per source', () => {
    const key = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEpAIBAAKCAQEA7q3N0xk2',
      'Zq81mX0pLwK3vB7nQ2rT',
      'AAAA',
      '-----END RSA PRIVATE KEY----- done',
    ];
    expect(redact({ lines: ['before', ...key, 'after'] }).value.lines).toEqual([
      'before',
      '[REDACTED:private_key]',
      '[REDACTED:private_key]',
      '[REDACTED:private_key]',
      '[REDACTED:private_key]',
      '[REDACTED:private_key] done',
      'after',
    ]);
    const interleaved = key.flatMap((text) => [
      { text, source: 'pod-a' },
      { text: 'GET /healthz 200', source: 'pod-b' },
    ]);
    const out = [...maskSplitSecrets(interleaved)].filter((l) => l.source === 'pod-a').map((l) => l.text);
    expect(out.slice(1)).toEqual([
      '[REDACTED:private_key]',
      '[REDACTED:private_key]',
      '[REDACTED:private_key]',
      '[REDACTED:private_key] done',
    ]);
    expect(redactString('{"key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\nZq81mX0p"}').text).toBe(
      '{"key":"[REDACTED:private_key]"}',
    );
  });

  it('masks quotes JSON-escaped twice (a JSON document in a JSON log line)', () => {
    expect(redactString('{"msg":"{\\\\\\"password\\\\\\":\\\\\\"hunter2\\\\\\"}"}').text).toBe(
      '{"msg":"{\\\\\\"password\\\\\\":\\\\\\"[REDACTED:password]\\\\\\"}"}',
    );
  });
});

describe('echoes', () => {
  it('finds what redaction took out of arguments and masks it where a backend echoes it bare', () => {
    const args = { reason: 'rotating X-Auth-Token: 72e3d2e42d0c5e187a25 now', query: 'up' };
    const secrets = removedSecrets(args, redact(args).value);
    expect(secrets).toEqual(['72e3d2e42d0c5e187a25']);
    expect(maskEchoes('parse error: unexpected number "72e3d2e42d0c5e187a25"', secrets)).toBe(
      'parse error: unexpected number "[REDACTED:secret]"',
    );
    const err = maskEchoes(new TypeError('bad 72e3d2e42d0c5e187a25'), secrets);
    expect([err.name, err.message, err.stack?.includes('72e3d2e4')]).toEqual([
      'TypeError',
      'bad [REDACTED:secret]',
      false,
    ]);
    expect(maskEchoes({ a: ['x 72e3d2e42d0c5e187a25'] }, [])).toEqual({ a: ['x 72e3d2e42d0c5e187a25'] });
  });
});
