// For the TypeORM CLI (npm run migrate:generate) from the build output.
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@tripartite/config';
import { acceptColumnTypes, dataSourceOptions } from './data-source-options';

export default acceptColumnTypes(
  new DataSource({
    ...dataSourceOptions(loadConfig().DATABASE_URL),
    entities: [join(__dirname, '..', '..', '*', 'src', '**', '*.entity.js')],
  }),
);
