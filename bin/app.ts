import { createApp } from '../lib/app-factory';

// Environment-agnostic on purpose: the same template deploys to any account and region that
// the deploying credentials select. Everything, including the cdk-nag checks, is in createApp
// so that the tests synthesize this very app.
createApp().app.synth();
