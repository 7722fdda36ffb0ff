// Names for generated scenarios: services, namespaces, datastores, third parties and nodes,
// built from word lists with seeded choices. None of the words is a name the scenario
// library uses (checkout, payments, cart...), so an engine cannot score well on generated
// scenarios by recognising a library service; every name is unique within its scenario.

import type { Random } from '../random.ts';

const DOMAIN_WORDS = [
  'ledger',
  'invoice',
  'quote',
  'parcel',
  'voucher',
  'loyalty',
  'wallet',
  'ticket',
  'booking',
  'itinerary',
  'fleet',
  'route',
  'dispatch',
  'courier',
  'manifest',
  'tariff',
  'claim',
  'premium',
  'listing',
  'auction',
  'bid',
  'media',
  'thumbnail',
  'transcode',
  'playlist',
  'podcast',
  'badge',
  'survey',
  'feedback',
  'consent',
  'profile',
  'session',
  'avatar',
  'referral',
  'affiliate',
  'coupon',
  'tax',
  'forex',
  'depot',
  'pallet',
  'locker',
  'telemetry',
  'geofence',
  'tracking',
  'roster',
  'shift',
  'payroll',
  'timesheet',
  'venue',
  'seat',
  'menu',
  'kitchen',
  'recipe',
  'rider',
  'subscription',
  'entitlement',
  'metering',
  'usage',
  'statement',
  'dispute',
  'refund',
  'kyc',
  'onboarding',
  'lead',
  'campaign',
  'segment',
  'inbox',
  'notice',
  'digest',
  'schedule',
  'slot',
] as const;

const SERVICE_SUFFIXES = [
  'api',
  'svc',
  'service',
  'worker',
  'engine',
  'hub',
  'core',
  'sync',
  'router',
  'writer',
];
const EDGE_SUFFIXES = ['gateway', 'edge', 'portal', 'ingress-api', 'public-api'];

const NAMESPACE_WORDS = [
  'logistics',
  'accounts',
  'growth',
  'identity',
  'content',
  'venues',
  'dining',
  'mobility',
  'finance',
  'partners',
  'membership',
  'fulfilment',
  'marketplace',
  'travel',
  'insurance',
  'comms',
  'people',
] as const;

/** Datastores a generated topology runs as StatefulSets. */
export const STORE_KINDS = {
  redis: {
    suffix: 'redis',
    image: 'public.ecr.aws/docker/library/redis',
    versions: ['7.2.4', '7.2.5', '7.4.1'],
    port: 6379,
    container: 'redis',
  },
  postgres: {
    suffix: 'pg',
    image: 'public.ecr.aws/docker/library/postgres',
    versions: ['15.7', '16.3', '16.4'],
    port: 5432,
    container: 'postgres',
  },
  kafka: {
    suffix: 'kafka',
    image: 'public.ecr.aws/bitnami/kafka',
    versions: ['3.6.2', '3.7.1'],
    port: 9092,
    container: 'kafka',
  },
  rabbitmq: {
    suffix: 'mq',
    image: 'public.ecr.aws/docker/library/rabbitmq',
    versions: ['3.12.14', '3.13.7'],
    port: 5672,
    container: 'rabbitmq',
  },
  mongodb: {
    suffix: 'mongo',
    image: 'public.ecr.aws/docker/library/mongo',
    versions: ['6.0.16', '7.0.12'],
    port: 27017,
    container: 'mongod',
  },
} as const;
export type StoreKind = keyof typeof STORE_KINDS;

const VENDORS = [
  'paylane',
  'swiftclear',
  'geoloc8',
  'textline',
  'mailforge',
  'levyhub',
  'shipwise',
  'fxfeed',
  'idverity',
  'addresscheck',
  'pushcast',
  'riskwire',
  'ratecard',
  'signly',
  'mapmosaic',
  'voicebridge',
] as const;
const VENDOR_TLDS = ['com', 'io', 'net', 'dev'];

/** Hands out unique names: a second draw of a taken name gets another word or a number. */
export class Namer {
  private readonly taken = new Set<string>();
  private readonly random: Random;

  constructor(random: Random) {
    this.random = random;
  }

  private unique(make: () => string): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = make();
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
    const base = make();
    for (let n = 2; ; n++) {
      if (!this.taken.has(`${base}-${n}`)) {
        this.taken.add(`${base}-${n}`);
        return `${base}-${n}`;
      }
    }
  }

  /** A word of the domain, used as the stem of related names (a service and its datastore). */
  word(): string {
    return this.random.pick(DOMAIN_WORDS);
  }

  service(stem: string, edge: boolean): string {
    return this.unique(() => `${stem}-${this.random.pick(edge ? EDGE_SUFFIXES : SERVICE_SUFFIXES)}`);
  }

  store(stem: string, kind: StoreKind): string {
    return this.unique(() => `${stem}-${STORE_KINDS[kind].suffix}`);
  }

  namespace(): string {
    return this.unique(() => this.random.pick(NAMESPACE_WORDS));
  }

  /** A third party: its service name in the catalog and the host its clients call. */
  vendor(): { name: string; host: string; vendor: string } {
    const vendor = this.unique(() => this.random.pick(VENDORS));
    return { name: `${vendor}-api`, host: `api.${vendor}.${this.random.pick(VENDOR_TLDS)}`, vendor };
  }

  /** An EC2-style node name in the VPC's /16. */
  node(octet: number): string {
    const r = this.random;
    return this.unique(() => `ip-10-${octet}-${r.int(1, 3)}-${r.int(2, 254)}`);
  }
}
