import { errorTableProblems } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import * as api from './index.js';

describe("the dashboard's error codes", () => {
  it('are one frozen table that every exported error class takes its code from', () => {
    expect(Object.isFrozen(api.DASHBOARD_ERROR_CODES)).toBe(true);
    expect(errorTableProblems(api, api.DashboardError, api.DASHBOARD_ERROR_CODES)).toEqual([]);
  });

  it('live in the errors module that @streamgank/dashboard/errors exports, the same classes as the main entry point', () => {
    expect(errors.DASHBOARD_ERROR_CODES).toBe(api.DASHBOARD_ERROR_CODES);
    expect(errors.PortInUseError).toBe(api.PortInUseError);
  });

  it('puts the code of its class on every error the dashboard throws', async () => {
    const thrown = await api.startDashboard({ port: 70_000 }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(api.InvalidDashboardOptionError);
    expect(thrown).toMatchObject({ code: 'INVALID_OPTION', name: 'InvalidDashboardOptionError' });
    expect(api.DASHBOARD_ERROR_CODES[api.PortInUseError.code]).toBe('failure');
  });
});
