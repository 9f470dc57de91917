import type { MinimumThroughputBillingCommitmentOutput } from '@aws-sdk/client-kinesis';
import type { Context } from '../context';
import { required, structure } from '../schema/shapes';
import type { AccountSettingsState } from '../state';
import { CURRENT_ONLY, defineOperation } from './types';

/** A minimum throughput billing commitment lasts at least this long once enabled. */
export const COMMITMENT_MINIMUM_MS = 86_400_000;

/** The settings as of now: a commitment whose end has passed reads DISABLED. */
function current(ctx: Context): AccountSettingsState {
  const settings = ctx.state.accountSettings ?? { status: 'DISABLED' };
  if (
    settings.status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' &&
    settings.endedAt !== undefined &&
    settings.endedAt <= ctx.now()
  ) {
    return { ...settings, status: 'DISABLED' };
  }
  return settings;
}

/** Whether the account's commitment is on (warm throughput needs it): enabled, or ending but not yet ended. */
export const commitmentActive = (ctx: Context): boolean => current(ctx).status !== 'DISABLED';

function describe(settings: AccountSettingsState): MinimumThroughputBillingCommitmentOutput {
  return {
    Status: settings.status,
    ...(settings.startedAt !== undefined ? { StartedAt: new Date(settings.startedAt) } : {}),
    ...(settings.endedAt !== undefined ? { EndedAt: new Date(settings.endedAt) } : {}),
    ...(settings.earliestAllowedEndAt !== undefined
      ? { EarliestAllowedEndAt: new Date(settings.earliestAllowedEndAt) }
      : {}),
  };
}

export const describeAccountSettings = defineOperation({
  name: 'DescribeAccountSettings',
  group: 'account',
  doc: "Shows the account's minimum throughput billing commitment.",
  profiles: CURRENT_ONLY,
  input: () => structure({}),
  run(ctx) {
    return { MinimumThroughputBillingCommitment: describe(current(ctx)) };
  },
});

export const updateAccountSettings = defineOperation({
  name: 'UpdateAccountSettings',
  group: 'account',
  doc: 'Enables or disables the minimum throughput billing commitment (at least 24 hours once on).',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      MinimumThroughputBillingCommitment: required({
        type: 'structure',
        doc: 'The commitment to enable or disable.',
        members: { Status: required({ type: 'string', enum: ['ENABLED', 'DISABLED'] }) },
      }),
    }),
  run(ctx, input) {
    const now = ctx.now();
    const was = current(ctx);
    let next: AccountSettingsState;
    if (input.MinimumThroughputBillingCommitment!.Status === 'ENABLED') {
      next =
        was.status === 'DISABLED'
          ? { status: 'ENABLED', startedAt: now, earliestAllowedEndAt: now + COMMITMENT_MINIMUM_MS }
          : { status: 'ENABLED', startedAt: was.startedAt!, earliestAllowedEndAt: was.earliestAllowedEndAt! };
    } else if (was.status === 'ENABLED') {
      const earliest = was.earliestAllowedEndAt!;
      next =
        earliest > now
          ? {
              status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END',
              startedAt: was.startedAt!,
              endedAt: earliest,
              earliestAllowedEndAt: earliest,
            }
          : { status: 'DISABLED', startedAt: was.startedAt!, endedAt: now, earliestAllowedEndAt: earliest };
    } else {
      next = was;
    }
    ctx.state.accountSettings = next;
    return { MinimumThroughputBillingCommitment: describe(next) };
  },
});
