// poolifier worker_threads worker: the shared task bodies as named task functions.
import { ThreadWorker } from 'poolifier';
import tasks from './tasks.cjs';

export default new ThreadWorker({ ...tasks });
