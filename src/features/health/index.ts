/** What other areas use of Health: the API status in the shell. */
export { HealthIndicator } from './components/health-indicator';
