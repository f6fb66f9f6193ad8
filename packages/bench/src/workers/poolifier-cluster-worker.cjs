'use strict';
// poolifier cluster worker: must be CommonJS (cluster.setupPrimary({ exec }) forks it as a script).
const { ClusterWorker } = require('poolifier');
const tasks = require('./tasks.cjs');

module.exports = new ClusterWorker({ ...tasks });
