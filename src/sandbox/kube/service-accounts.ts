// Service-account tokens on the simulator, as the kubelet mounts them into a pod at
// /var/run/secrets/kubernetes.io/serviceaccount/token. A token names one ServiceAccount
// (namespace, name and uid) under an HMAC of the simulator's own key, so it cannot be
// forged; it authenticates as system:serviceaccount:<namespace>:<name> while that very
// ServiceAccount exists (deleting it, or recreating it with a new uid, revokes the token),
// and holds exactly the rules its bindings grant at the time of each request.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cluster } from './cluster.ts';
import type { SimulatedUser } from './rbac.ts';
import { rulesBoundTo, serviceAccountUser } from './rbac-bindings.ts';

const PREFIX = 'simsa';

export class ServiceAccountTokens {
  private readonly key = randomBytes(32);
  private readonly cluster: Cluster;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
  }

  /** A token for the stored ServiceAccount `namespace/name`; throws when there is none. */
  issue(namespace: string, name: string): string {
    const sa = this.cluster.get('ServiceAccount', namespace, name);
    if (!sa) {
      throw new Error(
        `no ServiceAccount "${name}" in namespace "${namespace}" to issue a token for (apply it first)`,
      );
    }
    const claims = Buffer.from(JSON.stringify([namespace, name, sa.metadata.uid])).toString('base64url');
    return `${PREFIX}.${claims}.${this.sign(claims)}`;
  }

  /** The user a presented token authenticates as, or undefined when it is not a valid, live token. */
  authenticate(token: string): SimulatedUser | undefined {
    const [prefix, claims, signature, ...rest] = token.split('.');
    if (prefix !== PREFIX || !claims || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(claims));
    const presented = Buffer.from(signature);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
    const [namespace, name, uid] = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as string[];
    if (!namespace || !name || this.cluster.get('ServiceAccount', namespace, name)?.metadata.uid !== uid)
      return undefined;
    const sa = { namespace, name };
    return { name: serviceAccountUser(sa), token, rules: rulesBoundTo(this.cluster, sa) };
  }

  private sign(claims: string): string {
    return createHmac('sha256', this.key).update(claims).digest('base64url');
  }
}
