import './tracing'; // first: instrumentation must load before pg, ioredis and graphql
import 'reflect-metadata';
import { startService } from './bootstrap';

// Worker process: outbox relay, event subscribers and job schedulers, with /health and /metrics.
void startService('worker');
