import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  createApp,
  createLogger,
  systemClock
} from "./chunk-6EFHVF4W.js";
import "./chunk-23ILXJAD.js";
import "./chunk-VVI6NIWC.js";
import "./chunk-W6PWXQFJ.js";
import "./chunk-JF3SIGD5.js";
import "./chunk-BCXWD7VT.js";
import "./chunk-EXTBH5EI.js";
import "./chunk-NLPXBWST.js";
import "./chunk-GFKUMQPK.js";
import "./chunk-SAMT74J2.js";
import "./chunk-MPST3DT6.js";
import "./chunk-BWUYPZKP.js";
import "./chunk-7MTLSPUB.js";
import "./chunk-AOVEPBOJ.js";
import "./chunk-IMRIVU32.js";
import "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import "./chunk-S7KEFJET.js";
import "./chunk-RLB2M3XB.js";
import "./chunk-QXZT5HPF.js";
import "./chunk-P66QBBFG.js";
import "./chunk-PB6ZSKJE.js";
export {
  createApp,
  createLogger,
  systemClock
};
