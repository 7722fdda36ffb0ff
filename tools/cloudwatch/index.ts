// Tools of the CloudWatch Logs area: logs beyond the cluster (RDS, Lambda, load balancers).
import logsCloudwatchFilter from './logs_cloudwatch_filter.ts';
import logsCloudwatchGroups from './logs_cloudwatch_groups.ts';
import logsCloudwatchQuery from './logs_cloudwatch_query.ts';

export const cloudwatchTools = [logsCloudwatchGroups, logsCloudwatchFilter, logsCloudwatchQuery];
