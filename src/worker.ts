import 'reflect-metadata';
import { startService } from './bootstrap';

// Worker process: outbox relay, event subscribers and job schedulers, with /health and /metrics.
void startService('worker');
