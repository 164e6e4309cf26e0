export { startDashboard, DEFAULT_HOST, DEFAULT_PORT, type DashboardOptions, type RunningDashboard } from './server.js';
export {
  DASHBOARD_ERROR_CODES,
  type DashboardErrorCode,
  DashboardError,
  PortInUseError,
  ListenError,
  InvalidDashboardOptionError,
} from './errors.js';
