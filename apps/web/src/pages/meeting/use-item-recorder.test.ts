import { act, renderHook } from '@testing-library/react';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { ModerateItem, ModerateMeetingData } from './moderate-operations';
import { useItemRecorder, type ItemRecorderOptions, type RecordPositionVariables } from './use-item-recorder';

const ME = 'user-me';

function item(revision: number, positions: ModerateItem['positions'] = []): ModerateItem {
  return {
    id: 'item-1',
    order: 1,
    status: 'UNDER_DISCUSSION',
    revision,
    finalText: null,
    guideline: { id: 'g-1', number: '1', title: null, text: 'The text.' },
    positions,
    amendments: [],
    vote: null,
    tally: { outcome: 'NO_CONSENSUS' },
  } as unknown as ModerateItem;
}

const position = (group: 'GOVERNMENT' | 'EMPLOYERS' | 'WORKERS', p: 'SUPPORT' | 'OPPOSE', by = { id: 'user-other', displayName: 'Moderator Two' }) => ({
  group,
  position: p,
  statement: null,
  recordedAt: '2026-12-02T10:00:00Z',
  recordedBy: by,
});

const conflictError = () => new CombinedError({ graphQLErrors: [new GraphQLError('changed', { extensions: { code: 'CONFLICT' } })] });

function setup(overrides: Partial<ItemRecorderOptions> = {}) {
  const sent: RecordPositionVariables[] = [];
  const options = {
    item: item(3),
    userId: ME,
    discussing: true,
    announce: vi.fn(),
    remember: vi.fn(),
    fetchNow: vi.fn(async (): Promise<ModerateMeetingData | null> => null),
    sendPosition: vi.fn(async (v: RecordPositionVariables) => {
      sent.push(v);
      return { item: item(v.expectedRevision + 1, [position(v.group, v.position as 'SUPPORT', { id: ME, displayName: 'Me' })]), error: null };
    }),
    onRecorded: vi.fn(),
    ...overrides,
  } satisfies ItemRecorderOptions;
  const hook = renderHook((props: ItemRecorderOptions) => useItemRecorder(props), { initialProps: options });
  return { hook, options, sent };
}

describe('useItemRecorder', () => {
  it('records with the revision shown, keeps the answer and says so', async () => {
    const { hook, options, sent } = setup();
    await act(() => hook.result.current.record({ group: 'EMPLOYERS', position: 'SUPPORT', statement: 'We agree' }));
    expect(sent).toEqual([{ id: 'item-1', group: 'EMPLOYERS', position: 'SUPPORT', statement: 'We agree', expectedRevision: 3 }]);
    expect(options.remember).toHaveBeenCalledWith(expect.objectContaining({ revision: 4 }));
    expect(options.onRecorded).toHaveBeenCalledWith({ group: 'EMPLOYERS', position: 'SUPPORT', statement: 'We agree' });
    expect(hook.result.current.recorded).toMatch(/^Employers: .* recorded\.$/);
    expect(options.announce).toHaveBeenCalledWith(hook.result.current.recorded);
    expect(hook.result.current.busy).toBeNull();
  });

  it('does not report its own write as a change made elsewhere when the item comes back newer', async () => {
    const { hook, options } = setup();
    await act(() => hook.result.current.record({ group: 'EMPLOYERS', position: 'SUPPORT', statement: null }));
    const written = (options.remember as ReturnType<typeof vi.fn>).mock.calls[0][0] as ModerateItem;
    hook.rerender({ ...options, item: written });
    expect(hook.result.current.foreign).toBeNull();
    expect(options.announce).toHaveBeenCalledTimes(1);
  });

  it('tells of a change made elsewhere, by whom, and announces it', () => {
    const { hook, options } = setup();
    hook.rerender({ ...options, item: item(4, [position('WORKERS', 'OPPOSE')]) });
    expect(hook.result.current.foreign).toEqual([expect.stringMatching(/^Workers’ position was recorded as OPPOSE by Moderator Two$/)]);
    expect(options.announce).toHaveBeenCalledWith(expect.stringMatching(/^Changed elsewhere: Workers’ position/));
  });

  it('on a CONFLICT records nothing, fetches the item, shows what changed, and retries on the fresh revision', async () => {
    const fresh = item(5, [position('GOVERNMENT', 'OPPOSE')]);
    let calls = 0;
    const sendPosition = vi.fn(async (v: RecordPositionVariables) => {
      calls++;
      if (calls === 1) return { item: null, error: conflictError() };
      return { item: item(v.expectedRevision + 1), error: null };
    });
    const fetchNow = vi.fn(async () => ({ agenda: [fresh] }) as unknown as ModerateMeetingData);
    const { hook, options } = setup({ sendPosition, fetchNow });
    await act(() => hook.result.current.record({ group: 'EMPLOYERS', position: 'OPPOSE', statement: null }));
    expect(fetchNow).toHaveBeenCalledTimes(1);
    expect(options.remember).toHaveBeenCalledWith(fresh);
    expect(options.onRecorded).not.toHaveBeenCalled();
    const { conflict } = hook.result.current;
    expect(conflict?.changes).toEqual([expect.stringMatching(/^Government’s position was recorded as OPPOSE by Moderator Two$/)]);
    expect(conflict?.retry).toMatchObject({ action: 'Record again', question: expect.stringMatching(/^Record Employers: .* again\?$/) });
    // The page shows the fresh item; the refreshed item is not reported a second time as someone else's change.
    hook.rerender({ ...options, sendPosition, fetchNow, item: fresh });
    expect(hook.result.current.foreign).toBeNull();
    await act(async () => hook.result.current.conflict!.retry.run());
    await vi.waitFor(() => expect(sendPosition).toHaveBeenCalledTimes(2));
    expect(sendPosition.mock.calls[1][0]).toMatchObject({ expectedRevision: 5 });
    await vi.waitFor(() => expect(hook.result.current.conflict).toBeNull());
  });

  it('shows any other error as it is, without a conflict', async () => {
    const failure = new CombinedError({ graphQLErrors: [new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } })] });
    const { hook } = setup({ sendPosition: vi.fn(async () => ({ item: null, error: failure })) });
    await act(() => hook.result.current.record({ group: 'WORKERS', position: 'SUPPORT', statement: null }));
    expect(hook.result.current.error).toBe(failure);
    expect(hook.result.current.conflict).toBeNull();
  });

  it('sends one write at a time, and none when the item is not under discussion', async () => {
    let release!: () => void;
    const sendPosition = vi.fn(
      (v: RecordPositionVariables) =>
        new Promise<{ item: ModerateItem; error: null }>((resolve) => (release = () => resolve({ item: item(v.expectedRevision + 1), error: null }))),
    );
    const { hook } = setup({ sendPosition });
    let first!: Promise<void>;
    act(() => {
      first = hook.result.current.record({ group: 'WORKERS', position: 'SUPPORT', statement: null });
    });
    await act(() => hook.result.current.record({ group: 'WORKERS', position: 'OPPOSE', statement: null }));
    expect(sendPosition).toHaveBeenCalledTimes(1);
    expect(hook.result.current.busy).toEqual({ group: 'WORKERS', position: 'SUPPORT', statement: null });
    await act(async () => {
      release();
      await first;
    });

    const idle = setup({ discussing: false });
    await act(() => idle.hook.result.current.record({ group: 'WORKERS', position: 'SUPPORT', statement: null }));
    expect(idle.options.sendPosition).not.toHaveBeenCalled();
  });
});
