// Every path of the client. The api serves index.html for these prefixes too (apps/api/src/web/client-routes.ts):
// a new top-level prefix goes in both places. Each area's pages load on demand (slow links).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { RequireAuth } from './auth/RequireAuth';
import HomePage from './pages/HomePage';
import NotFoundPage from './pages/NotFoundPage';
import SignInPage from './pages/SignInPage';

const RoundsPage = lazy(() => import('./pages/constituent/RoundsPage'));
const RoundPage = lazy(() => import('./pages/constituent/RoundPage'));
const BoardPage = lazy(() => import('./pages/meeting/BoardPage'));
const ModeratePage = lazy(() => import('./pages/meeting/ModeratePage'));
const RoomPage = lazy(() => import('./pages/room/RoomPage'));
const DeskPage = lazy(() => import('./pages/desk/DeskPage'));
const InstrumentPage = lazy(() => import('./pages/desk/InstrumentPage'));

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
        <Route path="/desk/instruments/:id">
          {({ id }) => (
            <RequireAuth roles={['SECRETARIAT']}>
              <InstrumentPage key={id} id={id} />
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
