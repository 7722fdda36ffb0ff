// Tools of the deploys area: what changed, across the systems that change things.
import deploysHistory from './deploys_history.ts';

export const deployTools = [deploysHistory];
