// Cordon a node: see nodes.ts for the shared definition.
import { nodeSchedulingTool } from './nodes.ts';

export default nodeSchedulingTool('cordon');
