// client-node 2.0 gives every request its own undici Agent (KubeConfig.createDispatcher
// runs per request): one new TLS connection per API call, then left open by keep-alive
// until the server drops it. Under an agent's read load that was hundreds of idle TLS
// connections and their native buffers (RSS past 500 MiB). This KubeConfig hands every
// request of one context the first Agent it made, so connections are pooled and reused.

import { KubeConfig } from '@kubernetes/client-node';

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];
type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

export class PooledKubeConfig extends KubeConfig {
  #pooled: Dispatcher | undefined;

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const made = context.getDispatcher();
    if (!made) return; // plain HTTP without TLS options: the global dispatcher pools already
    this.#pooled ??= made;
    if (made === this.#pooled) return;
    context.setDispatcher(this.#pooled);
    void made.close(); // never used: it holds no connection
  }
}
