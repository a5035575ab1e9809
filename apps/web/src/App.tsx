import { GraphqlProvider } from './graphql/GraphqlProvider';
import { AppRoutes } from './routes';
import { AnnouncerProvider } from './ui/Announcer';
import { Layout } from './ui/Layout';

export function App() {
  return (
    <GraphqlProvider>
      <AnnouncerProvider>
        <Layout>
          <AppRoutes />
        </Layout>
      </AnnouncerProvider>
    </GraphqlProvider>
  );
}
