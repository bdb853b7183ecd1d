#!/usr/bin/env node
require('../dist/src/boot.cjs').start();
