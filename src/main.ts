import './tracing'; // first: instrumentation must load before pg, ioredis and graphql
import 'reflect-metadata';
import { startService } from './bootstrap';

// API process (APP_ROLE=api), or API and worker in one process (APP_ROLE=all, the default).
void startService();
