export { workerThreadsBackend } from './backend.js';
