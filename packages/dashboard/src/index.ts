export { startDashboard, DEFAULT_HOST, DEFAULT_PORT, type DashboardOptions, type RunningDashboard } from './server.js';
export { DashboardError, PortInUseError, ListenError, InvalidDashboardOptionError } from './errors.js';
