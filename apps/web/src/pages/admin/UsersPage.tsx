// Users: search (name or e-mail, role), page by page; add a user; edit one in place (name, organization, language,
// roles: only what was changed is sent), deactivate with a reason (their sessions end at once) or reactivate.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { AdminOrganizationsQuery, AdminUsersQuery, Language, Role } from '../../gql/graphql';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../../i18n/languages';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { roleName } from '../../ui/labels';
import { useDraft } from '../../ui/use-draft';
import { AdminNav } from './AdminNav';
import { SelectField, TextField, fieldErrors, problemOf } from './fields';
import { AdminCreateUser, AdminDeactivateUser, AdminOrganizations, AdminReactivateUser, AdminSetUserRoles, AdminUpdateUser, AdminUsers } from './operations';
import './admin.css';

type User = AdminUsersQuery['users']['edges'][number]['node'];
type Organization = AdminOrganizationsQuery['organizations'][number];
const ROLES: Role[] = ['ADMIN', 'SECRETARIAT', 'CONSTITUENT', 'MODERATOR', 'OBSERVER'];
const PAGE = 20;

export default function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useDraft('admin:users-search', { text: '', role: '' });
  const [asked, setAsked] = useState(search);
  // The cursors of the pages before this one: Previous goes back one.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AdminUsers,
    variables: { search: asked.text.trim() || null, role: (asked.role || null) as Role | null, first: PAGE, after },
    requestPolicy: 'cache-and-network',
  });
  const [organizations] = useQuery({ query: AdminOrganizations, requestPolicy: 'cache-and-network' });
  const orgs = organizations.data?.organizations ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const results = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current && data) {
      moved.current = false;
      results.current?.focus();
    }
  }, [data]);
  const go = (next: (string | null)[]) => {
    moved.current = true;
    setCursors(next);
  };
  const users = data?.users;
  const from = (cursors.length - 1) * PAGE + 1;

  return (
    <Page title={t('admin.users.title')}>
      <AdminNav />
      <form
        className="admin-toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(search);
          go([null]);
        }}
      >
        <TextField id="users-search" label={t('admin.users.search')} type="search" value={search.text} onChange={(text) => setSearch({ ...search, text })} />
        <SelectField id="users-role" label={t('admin.users.role')} value={search.role} onChange={(role) => setSearch({ ...search, role })}>
          <option value="">{t('admin.users.anyRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </SelectField>
        <p className="actions">
          <button type="submit">{t('admin.users.find')}</button>
        </p>
      </form>

      <AddUser organizations={orgs} onCreated={reload} />

      <section aria-labelledby="users-results">
        <h2 id="users-results" ref={results} tabIndex={-1}>
          {users && users.edges.length > 0
            ? t('admin.users.showing', { from, to: from + users.edges.length - 1, total: users.totalCount })
            : t('admin.users.results')}
        </h2>
        <ErrorMessage error={error} />
        {fetching && !data && <p className="loading">{t('common.loading')}</p>}
        {users && users.edges.length === 0 && <p>{t('admin.users.noneFound')}</p>}
        {users && (
          <ul className="list">
            {users.edges.map(({ node }) => (
              <UserItem key={node.id} user={node} organizations={orgs} onSaved={reload} />
            ))}
          </ul>
        )}
        {users && (cursors.length > 1 || users.pageInfo.hasNextPage) && (
          <nav className="actions" aria-label={t('admin.users.pages')}>
            {cursors.length > 1 && (
              <button type="button" className="button-quiet" onClick={() => go(cursors.slice(0, -1))}>
                {t('admin.previous')}
              </button>
            )}
            {users.pageInfo.hasNextPage && (
              <button type="button" className="button-quiet" onClick={() => go([...cursors, users.pageInfo.endCursor ?? null])}>
                {t('admin.next')}
              </button>
            )}
          </nav>
        )}
      </section>
    </Page>
  );
}

function RolesField({ id, roles, onChange, error }: { id: string; roles: Role[]; onChange: (roles: Role[]) => void; error?: string | null }) {
  const { t } = useTranslation();
  return (
    <fieldset className="choices" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('admin.users.roles')}</legend>
      {ROLES.map((r) => (
        <label key={r} className="choice">
          <input
            type="checkbox"
            name={`${id}-role`}
            value={r}
            checked={roles.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
          />
          {roleName(r)}
        </label>
      ))}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {t('admin.users.roles')} {error}
        </p>
      )}
    </fieldset>
  );
}

function OrganizationOptions({ organizations }: { organizations: Organization[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('admin.users.noOrganization')}</option>
      {organizations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </>
  );
}

function LanguageOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('admin.users.organizationDefault')}</option>
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </>
  );
}

function AddUser({ organizations, onCreated }: { organizations: Organization[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const opened = useRef(false);
  const empty = { email: '', displayName: '', roles: [] as Role[], organizationId: '', language: '' };
  const [draft, setDraft, clearDraft] = useDraft('admin:new-user', empty);
  // Never kept as a draft: a password stays in memory only.
  const [password, setPassword] = useState('');
  const [result, create] = useMutation(AdminCreateUser);
  const problem = problemOf(result.error);
  const errors = fieldErrors(problem);
  useEffect(() => {
    if (open && opened.current) first.current?.focus();
    if (!open && opened.current) toggle.current?.focus();
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const answer = await create({
      input: {
        email: draft.email.trim(),
        displayName: draft.displayName.trim(),
        password,
        roles: draft.roles,
        organizationId: draft.organizationId || null,
        language: isLanguage(draft.language) ? draft.language : null,
      },
    });
    const created = answer.data?.createUser;
    if (created) {
      clearDraft();
      setPassword('');
      announce(t('admin.users.created', { name: created.displayName }));
      onCreated();
      setOpen(false);
    }
  }

  return (
    <section aria-labelledby="new-user">
      <h2 id="new-user">{t('admin.users.add')}</h2>
      <p>
        <button
          type="button"
          ref={toggle}
          aria-expanded={open}
          aria-controls="new-user-form"
          onClick={() => {
            opened.current = true;
            setOpen(!open);
          }}
        >
          {open ? t('admin.users.closeForm') : t('admin.users.openForm')}
        </button>
      </p>
      {open && (
        <form id="new-user-form" className="form form-narrow" onSubmit={submit}>
          <TextField
            id="new-user-email"
            ref={first}
            type="email"
            autoComplete="off"
            required
            label={t('admin.users.email')}
            value={draft.email}
            onChange={(email) => setDraft({ ...draft, email })}
            error={errors.email}
          />
          <TextField
            id="new-user-name"
            required
            label={t('admin.users.displayName')}
            value={draft.displayName}
            onChange={(displayName) => setDraft({ ...draft, displayName })}
            error={errors.displayName}
          />
          <TextField
            id="new-user-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            label={t('admin.users.password')}
            hint={t('admin.users.passwordHint')}
            value={password}
            onChange={setPassword}
            error={errors.password}
          />
          <RolesField id="new-user" roles={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} error={errors.roles} />
          <SelectField
            id="new-user-organization"
            label={t('admin.users.organization')}
            hint={t('admin.users.organizationHint')}
            value={draft.organizationId}
            onChange={(organizationId) => setDraft({ ...draft, organizationId })}
            error={errors.organizationId}
          >
            <OrganizationOptions organizations={organizations} />
          </SelectField>
          <SelectField
            id="new-user-language"
            label={t('admin.users.language')}
            value={draft.language}
            onChange={(language) => setDraft({ ...draft, language })}
            error={errors.language}
          >
            <LanguageOptions />
          </SelectField>
          <ErrorMessage error={problem} />
          <p className="actions">
            <button type="submit" aria-disabled={result.fetching}>
              {result.fetching ? t('admin.creating') : t('admin.users.submit')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

type Mode = 'view' | 'edit' | 'deactivate';

function UserItem({ user: u, organizations, onSaved }: { user: User; organizations: Organization[]; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [mode, setMode] = useState<Mode>('view');
  const actions = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const [reactivated, reactivate] = useMutation(AdminReactivateUser);
  useEffect(() => {
    if (mode === 'view' && returnFocus.current) {
      returnFocus.current = false;
      actions.current?.focus();
    }
  }, [mode, u.active]);
  const close = (saved: boolean) => {
    returnFocus.current = true;
    setMode('view');
    if (saved) onSaved();
  };
  const roles = new Intl.ListFormat(i18n.language).format(u.roles.map(roleName));
  const hidden = <span className="visually-hidden">{` ${u.displayName}`}</span>;

  return (
    <li className="admin-record" data-testid="user">
      <p className="list-title admin-wrap">
        {u.displayName} {!u.active && <span className="badge">{t('admin.users.deactivated')}</span>}
      </p>
      <p className="admin-meta">
        {u.email}
        {` · ${t('admin.users.rolesAre', { roles })}`}
        {u.organization ? ` · ${u.organization.name}` : ''}
        {` · ${LANGUAGE_NAMES[u.language]}`}
      </p>
      {mode === 'edit' && <EditUser user={u} organizations={organizations} onDone={close} />}
      {mode === 'deactivate' && <DeactivateUser user={u} onDone={close} />}
      {mode === 'view' && (
        <p className="actions">
          <button type="button" className="button-quiet" ref={actions} onClick={() => setMode('edit')}>
            {t('admin.edit')}
            {hidden}
          </button>
          {u.active ? (
            <button type="button" className="button-quiet" onClick={() => setMode('deactivate')}>
              {t('admin.users.deactivate')}
              {hidden}
            </button>
          ) : (
            <button
              type="button"
              className="button-quiet"
              aria-disabled={reactivated.fetching}
              onClick={async () => {
                if (reactivated.fetching) return;
                const answer = await reactivate({ id: u.id });
                if (answer.data) {
                  announce(t('admin.users.reactivated', { name: u.displayName }));
                  returnFocus.current = true;
                  onSaved();
                }
              }}
            >
              {t('admin.users.reactivate')}
              {hidden}
            </button>
          )}
        </p>
      )}
      <ErrorMessage error={reactivated.error} />
    </li>
  );
}

function EditUser({ user: u, organizations, onDone }: { user: User; organizations: Organization[]; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const initial = { displayName: u.displayName, organizationId: u.organization?.id ?? '', language: '', roles: u.roles };
  const [draft, setDraft, clearDraft] = useDraft(`admin:user:${u.id}`, initial);
  const [updated, update] = useMutation(AdminUpdateUser);
  const [rolesSet, setRoles] = useMutation(AdminSetUserRoles);
  const [failed, setFailed] = useState<unknown>(null);
  const problem = problemOf(failed);
  const errors = fieldErrors(problem);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const busy = updated.fetching || rolesSet.fetching;
  const prefix = `user-${u.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailed(null);
    const displayName = draft.displayName.trim();
    const input: { displayName?: string; organizationId?: string | null; language?: Language | null } = {};
    if (displayName !== u.displayName) input.displayName = displayName;
    if (draft.organizationId !== (u.organization?.id ?? '')) input.organizationId = draft.organizationId || null;
    if (draft.language) input.language = isLanguage(draft.language) ? draft.language : null;
    const sameRoles = [...draft.roles].sort().join() === [...u.roles].sort().join();
    // A constituent needs an organization: join it before taking the role, leave it after giving the role up.
    const rolesFirst = !sameRoles && input.organizationId === null;
    if (rolesFirst) {
      const answer = await setRoles({ id: u.id, roles: draft.roles });
      if (answer.error) return setFailed(answer.error);
    }
    if (Object.keys(input).length) {
      const answer = await update({ id: u.id, input });
      if (answer.error) return setFailed(answer.error);
    }
    if (!sameRoles && !rolesFirst) {
      const answer = await setRoles({ id: u.id, roles: draft.roles });
      if (answer.error) return setFailed(answer.error);
    }
    clearDraft();
    announce(t('admin.users.updated', { name: displayName }));
    onDone(true);
  }

  return (
    <form className="form form-narrow admin-edit" onSubmit={submit} aria-label={t('admin.editing', { name: u.displayName })}>
      <p className="hint">{t('admin.users.emailFixed')}</p>
      <TextField
        id={`${prefix}-name`}
        ref={first}
        required
        label={t('admin.users.displayName')}
        value={draft.displayName}
        onChange={(displayName) => setDraft({ ...draft, displayName })}
        error={errors.displayName}
      />
      <SelectField
        id={`${prefix}-organization`}
        label={t('admin.users.organization')}
        hint={t('admin.users.organizationHint')}
        value={draft.organizationId}
        onChange={(organizationId) => setDraft({ ...draft, organizationId })}
        error={errors.organizationId}
      >
        <OrganizationOptions organizations={organizations} />
      </SelectField>
      <SelectField
        id={`${prefix}-language`}
        label={t('admin.users.language')}
        hint={t('admin.users.languageNow', { language: LANGUAGE_NAMES[u.language] })}
        value={draft.language}
        onChange={(language) => setDraft({ ...draft, language })}
        error={errors.language}
      >
        <option value="">{t('admin.users.languageUnchanged')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </SelectField>
      <RolesField id={prefix} roles={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} error={errors.roles} />
      <ErrorMessage error={problem} />
      <p className="actions">
        <button type="submit" aria-disabled={busy}>
          {busy ? t('admin.saving') : t('admin.save')}
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            clearDraft();
            onDone(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

function DeactivateUser({ user: u, onDone }: { user: User; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [reason, setReason, clearReason] = useDraft(`admin:deactivate:${u.id}`, '');
  const [result, deactivate] = useMutation(AdminDeactivateUser);
  const problem = problemOf(result.error);
  const errors = fieldErrors(problem);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const answer = await deactivate({ id: u.id, reason: reason.trim() });
    if (answer.data) {
      clearReason();
      announce(t('admin.users.deactivatedDone', { name: u.displayName }));
      onDone(true);
    }
  }

  return (
    <form className="form form-narrow admin-edit" onSubmit={submit} aria-label={t('admin.users.deactivating', { name: u.displayName })}>
      <p>{t('admin.users.deactivateExplained')}</p>
      <TextField
        id={`deactivate-${u.id}-reason`}
        ref={first}
        required
        label={t('admin.users.reason')}
        hint={t('admin.users.reasonHint')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
      <ErrorMessage error={problem} />
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {t('admin.users.confirmDeactivate', { name: u.displayName })}
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            clearReason();
            onDone(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
