// Reading text for the dependencies it names and the trouble it speaks of: `stripe-api` is
// named by `api.stripe.com`, `cart-redis` by a Redis exception in cart's log but not by
// every line of cart's own log, and custom metrics are told apart by name and outcome.

import { describe, expect, it } from 'vitest';
import {
  mentionsOf,
  signalKind,
  speaksOfTimeouts,
  wordsOf,
} from '../../../src/incidents/correlate/mentions.ts';

describe('mentionsOf', () => {
  it('finds a dependency by its name or a distinctive word of it', () => {
    const stripe = mentionsOf('stripe-api', wordsOf('payments', 'payments'));
    expect(stripe('POST https://api.stripe.com/v1/payment_intents timed out after 10000ms')).toBe(true);
    expect(stripe('POST /checkout 200 1200ms')).toBe(false);
    expect(mentionsOf('orders-db', [])('Connection timeout to orders-db after 3060ms')).toBe(true);
  });

  it('ignores words the dependency shares with the service reporting it, and generic ones', () => {
    const redis = mentionsOf('cart-redis', wordsOf('cart', 'shop'));
    expect(redis('GET /api/cart/42 200 4ms')).toBe(false);
    expect(redis('io.lettuce.core.RedisReadOnlyException: READONLY')).toBe(true);
    expect(mentionsOf('payments-api', wordsOf('checkout'))('GET /api/v1 200')).toBe(false);
  });
});

describe('signalKind', () => {
  it('reads errors from names and outcome labels', () => {
    expect(signalKind('order_sync_task_failures_total', {})).toBe('error');
    expect(signalKind('coredns_dns_responses_total', { rcode: 'SERVFAIL' })).toBe('error');
    expect(signalKind('psp_requests_total', { outcome: 'timeout', provider: 'stripe' })).toBe('error');
  });

  it('tells latency, pressure and load apart', () => {
    expect(signalKind('psp_request_duration_seconds', {})).toBe('latency');
    expect(signalKind('db_pool_connections_in_use', { pool: 'orders-db' })).toBe('saturation');
    expect(signalKind('container_cpu_cfs_throttled_periods_total', {})).toBe('saturation');
    expect(signalKind('coredns_dns_requests_total', { type: 'A' })).toBe('traffic');
    expect(signalKind('report_template_cache_entries', {})).toBe('neutral');
  });

  it('does not read the service or namespace label as an outcome', () => {
    expect(signalKind('queue_depth_gauge', { service: 'error-reporter' })).toBe('saturation');
  });
});

describe('speaksOfTimeouts', () => {
  it('hears timeouts, refusals and resolution failures', () => {
    expect(speaksOfTimeouts('context deadline exceeded (2500ms)')).toBe(true);
    expect(speaksOfTimeouts('getaddrinfo EAI_AGAIN checkout-api')).toBe(true);
    expect(speaksOfTimeouts('responded 504 PSP_TIMEOUT')).toBe(true);
    expect(speaksOfTimeouts('GET /cart 200 42ms')).toBe(false);
  });
});
