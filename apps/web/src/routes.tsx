// Every path of the client. The api serves index.html for these prefixes too (apps/api/src/web/client-routes.ts):
// a new top-level prefix goes in both places. Each area's pages load on demand (slow links).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { RequireAuth } from './auth/RequireAuth';
import { withAreas } from './i18n/i18n';
import HomePage from './pages/HomePage';
import NotFoundPage from './pages/NotFoundPage';
import SignInPage from './pages/SignInPage';

// The words each area's pages need, fetched with them (./i18n/areas).
const DESK = ['drafting', 'rounds', 'meetingAdmin', 'governingBody', 'projector'] as const;
const ADMIN = ['admin', 'settings'] as const;

const RoundsPage = lazy(() => import('./pages/constituent/RoundsPage'));
const RoundPage = lazy(() => import('./pages/constituent/RoundPage'));
const BoardPage = lazy(() => withAreas(['projector'], () => import('./pages/meeting/BoardPage')));
const ModeratePage = lazy(() => withAreas(['projector'], () => import('./pages/meeting/ModeratePage')));
const RoomPage = lazy(() => withAreas(['projector'], () => import('./pages/room/RoomPage')));
const DeskPage = lazy(() => withAreas(DESK, () => import('./pages/desk/DeskPage')));
const InstrumentPage = lazy(() => withAreas(DESK, () => import('./pages/desk/InstrumentPage')));
const AdminPage = lazy(() => withAreas(ADMIN, () => import('./pages/admin/AdminPage')));
const OrganizationsPage = lazy(() => withAreas(ADMIN, () => import('./pages/admin/OrganizationsPage')));
const UsersPage = lazy(() => withAreas(ADMIN, () => import('./pages/admin/UsersPage')));
const WebhooksPage = lazy(() => withAreas(ADMIN, () => import('./pages/admin/WebhooksPage')));
const EmailsPage = lazy(() => withAreas(ADMIN, () => import('./pages/admin/EmailsPage')));
const SettingsPage = lazy(() => withAreas(['settings'], () => import('./pages/settings/SettingsPage')));
const MeetingAdminPage = lazy(() => withAreas(DESK, () => import('./pages/desk/meeting/MeetingAdminPage')));
const GoverningBodyPage = lazy(() => withAreas(DESK, () => import('./pages/desk/gb/GoverningBodyPage')));
const GbInstrumentPage = lazy(() => withAreas(DESK, () => import('./pages/desk/gb/GbInstrumentPage')));
const VersionPage = lazy(() => withAreas(DESK, () => import('./pages/drafting/VersionPage')));

export function AppRoutes() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
      <Switch>
        <Route path="/signin">
          <SignInPage />
        </Route>
        <Route path="/">
          <RequireAuth>
            <HomePage />
          </RequireAuth>
        </Route>

        {/* the constituent's comment page */}
        <Route path="/rounds">
          <RequireAuth roles={['CONSTITUENT']}>
            <RoundsPage />
          </RequireAuth>
        </Route>
        <Route path="/rounds/:id">
          {({ id }) => (
            <RequireAuth roles={['CONSTITUENT']}>
              <RoundPage key={id} id={id} />
            </RequireAuth>
          )}
        </Route>

        {/* the meeting room: the board for anyone who may read the meeting, the console for its moderators */}
        <Route path="/meetings/:id/board">
          {({ id }) => (
            <RequireAuth>
              <BoardPage key={id} id={id} />
            </RequireAuth>
          )}
        </Route>
        <Route path="/meetings/:id/moderate">
          {({ id }) => (
            <RequireAuth roles={['MODERATOR', 'SECRETARIAT']}>
              <ModeratePage key={id} id={id} />
            </RequireAuth>
          )}
        </Route>

        {/* the room's projector, by a board link: no personal sign-in */}
        <Route path="/room/:token">{({ token }) => <RoomPage key={token} token={token} />}</Route>

        {/* the secretariat's desk */}
        <Route path="/desk">
          <RequireAuth roles={['SECRETARIAT']}>
            <DeskPage />
          </RequireAuth>
        </Route>
        {/* drafting: a version's content, import, edits, publishing, diff */}
        <Route path="/desk/instruments/:id/draft">
          {({ id }) => (
            <RequireAuth roles={['SECRETARIAT']}>
              <VersionPage key={id} instrumentId={id} />
            </RequireAuth>
          )}
        </Route>
        <Route path="/desk/instruments/:id/versions/:versionId">
          {({ id, versionId }) => (
            <RequireAuth roles={['SECRETARIAT']}>
              <VersionPage key={versionId} instrumentId={id} versionId={versionId} />
            </RequireAuth>
          )}
        </Route>
        <Route path="/desk/instruments/:id">
          {({ id }) => (
            <RequireAuth roles={['SECRETARIAT']}>
              <InstrumentPage key={id} id={id} />
            </RequireAuth>
          )}
        </Route>

        {/* the administration (ADMIN) */}
        <Route path="/administration">
          <RequireAuth roles={['ADMIN']}>
            <AdminPage />
          </RequireAuth>
        </Route>
        <Route path="/administration/organizations">
          <RequireAuth roles={['ADMIN']}>
            <OrganizationsPage />
          </RequireAuth>
        </Route>
        <Route path="/administration/users">
          <RequireAuth roles={['ADMIN']}>
            <UsersPage />
          </RequireAuth>
        </Route>
        <Route path="/administration/webhooks">
          <RequireAuth roles={['ADMIN']}>
            <WebhooksPage />
          </RequireAuth>
        </Route>
        <Route path="/administration/emails">
          <RequireAuth roles={['ADMIN']}>
            <EmailsPage />
          </RequireAuth>
        </Route>

        {/* every signed-in user's settings (the e-mails' footer points here) */}
        <Route path="/settings">
          <RequireAuth>
            <SettingsPage />
          </RequireAuth>
        </Route>

        {/* the secretariat's meeting administration and Governing Body desk */}
        <Route path="/desk/meetings/:id">
          {({ id }) => (
            <RequireAuth roles={['SECRETARIAT']}>
              <MeetingAdminPage key={id} id={id} />
            </RequireAuth>
          )}
        </Route>
        <Route path="/desk/governing-body">
          <RequireAuth roles={['SECRETARIAT']}>
            <GoverningBodyPage />
          </RequireAuth>
        </Route>
        <Route path="/desk/governing-body/instruments/:id">
          {({ id }) => (
            <RequireAuth roles={['SECRETARIAT']}>
              <GbInstrumentPage key={id} id={id} />
            </RequireAuth>
          )}
        </Route>

        <Route>
          <NotFoundPage />
        </Route>
      </Switch>
    </Suspense>
  );
}
