/** Public surface of the schools module: other modules import only from here. */
export { SchoolsModule } from './schools.module';
