/** Public surface of the enforcement module: other modules import only from here. */
export { EnforcementModule } from './enforcement.module';
