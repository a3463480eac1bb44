export { type Box, type InstanceStats, instanceStats } from './instance-stats.js';
