import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  contextKubeConfig,
  createKubernetesBackend,
  loadKubeContexts
} from "./chunk-VVOPCFSB.js";
import "./chunk-S7KEFJET.js";
import "./chunk-RLB2M3XB.js";
import "./chunk-QXZT5HPF.js";
import "./chunk-PB6ZSKJE.js";
export {
  contextKubeConfig,
  createKubernetesBackend,
  loadKubeContexts
};
