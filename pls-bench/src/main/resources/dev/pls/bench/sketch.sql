-- The DESIGN.md sketch model (b2b_trial_pql version 3) written as DuckDB SQL, over the same JSON
-- Lines files pls score reads: what a growth engineer would write instead of pls. DuckDbCards
-- replaces ${events}, ${traits} and ${as_of} (SQL string literals) and runs it; DuckDbCardsTest
-- holds its cards equal to pls score's, card for card.
--
-- Semantics (docs/semantics.md), resolution 1d in UTC: events after the as-of instant T never
-- count; `within Nd` is the N calendar days ending with T's day (ago < N, where ago is the number
-- of days from the event's date to T's date); week k is days 7k .. 7k+6 ago.
WITH
t AS (
  SELECT epoch_us(CAST(${as_of} AS TIMESTAMPTZ)) AS t_us
),
read_events AS (
  SELECT "user" AS entity, event, props, epoch_us(CAST("time" AS TIMESTAMPTZ)) AS us
  FROM read_ndjson(
    ${events},
    columns = {
      'user': 'VARCHAR', 'event': 'VARCHAR', 'time': 'VARCHAR',
      'props': 'STRUCT(feature VARCHAR, tier VARCHAR, path VARCHAR)'
    })
),
traits AS (
  SELECT "user" AS entity, employees, industry, email_domain
  FROM read_ndjson(
    ${traits},
    columns = {'user': 'VARCHAR', 'employees': 'BIGINT', 'industry': 'VARCHAR',
               'email_domain': 'VARCHAR'})
),
-- Every user named by an event (at any time) or a trait record gets a card.
entities AS (
  SELECT entity FROM read_events UNION SELECT entity FROM traits
),
events AS (
  SELECT e.entity, e.event, e.props, e.us, t.t_us // 86400000000 - e.us // 86400000000 AS ago
  FROM read_events e, t
  WHERE e.us <= t.t_us
),
signals AS (
  SELECT
    entity,
    count(DISTINCT props.feature)
      FILTER (WHERE event = 'feature_used' AND props.tier = 'premium' AND ago < 30) AS premium_30,
    count(*) FILTER (WHERE event = 'usage_limit_hit' AND ago < 30) AS usage_limit_30,
    count(DISTINCT props.feature) FILTER (WHERE event = 'feature_used' AND ago < 14) AS features_14,
    count(*) FILTER (WHERE event = 'invite_sent' AND ago < 7) AS invites_7,
    count(DISTINCT ago) FILTER (WHERE ago < 7) AS active_days_7,
    min(us) FILTER (WHERE event = 'signed_up') AS first_signed_up,
    min(us) FILTER (WHERE event = 'activated') AS first_activated,
    count(*) FILTER (WHERE event = 'page_viewed' AND props.path = '/pricing' AND ago < 30)
      AS pricing_30,
    count(*) FILTER (WHERE event = 'enterprise_feature_requested' AND ago < 30) AS enterprise_30,
    min(ago) AS days_since_any,
    count(*) FILTER (WHERE ago < 1) AS any_1,
    count(*) FILTER (WHERE ago // 7 = 0) AS w0,
    count(*) FILTER (WHERE ago // 7 = 1) AS w1,
    count(*) FILTER (WHERE ago // 7 = 2) AS w2,
    count(*) FILTER (WHERE ago // 7 = 3) AS w3
  FROM events
  GROUP BY entity
),
-- growth_weeks(any): how many weeks in a row, from week 0 back, each had more events than the
-- week before it. A week grows when its count beats the next older week's (0 when absent); the
-- streak is the run of growing weeks 0, 1, 2, ... with no gap.
weeks AS (
  SELECT entity, ago // 7 AS k, count(*) AS n FROM events GROUP BY entity, ago // 7
),
growing AS (
  SELECT w.entity, w.k, row_number() OVER (PARTITION BY w.entity ORDER BY w.k) - 1 AS position
  FROM weeks w LEFT JOIN weeks older ON older.entity = w.entity AND older.k = w.k + 1
  WHERE w.n > coalesce(older.n, 0)
),
growth AS (
  SELECT entity, count(*) FILTER (WHERE k = position) AS growth_weeks FROM growing GROUP BY entity
),
rules AS (
  SELECT
    x.entity,
    coalesce(s.premium_30, 0) >= 1 AS used_a_premium_feature,
    coalesce(s.premium_30, 0) >= 3 AS used_3_premium_features,
    coalesce(s.usage_limit_30, 0) >= 1 AS hit_a_usage_limit,
    coalesce(s.features_14, 0) >= 5 AS broad_feature_use,
    coalesce(s.invites_7, 0) BETWEEN 1 AND 2 AS invited_1_2_teammates,
    coalesce(s.invites_7, 0) BETWEEN 3 AND 5 AS invited_3_5_teammates,
    coalesce(s.invites_7, 0) >= 6 AS invited_6_teammates,
    coalesce(s.active_days_7, 0) >= 5 AS active_5_of_the_last_7_days,
    -- exact minutes between the first signed_up and the first activated: < 60 minutes
    coalesce(s.first_activated - s.first_signed_up < 3600000000, false) AS activated_within_an_hour,
    coalesce(g.growth_weeks, 0) >= 3 AS usage_up_3_weeks_running,
    coalesce(s.pricing_30, 0) >= 3 AS viewed_pricing_3_times,
    coalesce(s.enterprise_30, 0) >= 1 AS asked_about_sso_scim_audit_logs,
    coalesce(tr.employees BETWEEN 50 AND 500, false) AS fit_1,
    coalesce(tr.employees > 500, false) AS fit_2,
    coalesce(tr.industry IN ('software', 'fintech', 'healthcare'), false) AS fit_3,
    coalesce(s.days_since_any >= 7, false) AS inactive_for_7_days,
    -- trend(any, 4w) < 0: the sign of the least-squares slope of w3, w2, w1, w0 (oldest first)
    coalesce(-3 * s.w3 - s.w2 + s.w1 + 3 * s.w0 < 0, false) AS usage_declining,
    coalesce(tr.email_domain IN ('gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'), false)
      AS personal_email,
    coalesce(s.any_1, 0) > 5000 AS automated
  FROM entities x
  LEFT JOIN signals s ON s.entity = x.entity
  LEFT JOIN growth g ON g.entity = x.entity
  LEFT JOIN traits tr ON tr.entity = x.entity
),
categories AS (
  SELECT
    *,
    10 * used_a_premium_feature::INT + 15 * used_3_premium_features::INT
      + 20 * hit_a_usage_limit::INT + 10 * broad_feature_use::INT AS feature_usage_positive,
    10 * invited_1_2_teammates::INT + 20 * invited_3_5_teammates::INT
      + 30 * invited_6_teammates::INT AS collaboration_positive,
    15 * active_5_of_the_last_7_days::INT + 10 * activated_within_an_hour::INT
      + 15 * usage_up_3_weeks_running::INT AS velocity_positive,
    20 * viewed_pricing_3_times::INT + 30 * asked_about_sso_scim_audit_logs::INT
      AS intent_positive,
    10 * fit_1::INT + 20 * fit_2::INT + 10 * fit_3::INT AS fit_positive,
    -20 * inactive_for_7_days::INT - 15 * usage_declining::INT AS negative_negative
  FROM rules
),
scores AS (
  SELECT
    *,
    least(feature_usage_positive, 50) + collaboration_positive + velocity_positive
      + intent_positive + fit_positive + negative_negative AS score,
    CASE
      WHEN personal_email THEN 'personal email domain'
      WHEN automated THEN 'automated traffic'
    END AS excluded
  FROM categories
)
SELECT
  entity,
  score,
  CASE
    WHEN excluded IS NOT NULL THEN 'none'
    WHEN score >= 80 THEN 'hot'
    WHEN score >= 50 THEN 'warm'
    WHEN score >= 30 THEN 'emerging'
    ELSE 'none'
  END AS tier,
  excluded,
  feature_usage_positive,
  least(feature_usage_positive, 50) AS feature_usage_total,
  collaboration_positive,
  velocity_positive,
  intent_positive,
  fit_positive,
  negative_negative,
  concat_ws(',',
    CASE WHEN used_a_premium_feature THEN 'used_a_premium_feature' END,
    CASE WHEN used_3_premium_features THEN 'used_3_premium_features' END,
    CASE WHEN hit_a_usage_limit THEN 'hit_a_usage_limit' END,
    CASE WHEN broad_feature_use THEN 'broad_feature_use' END,
    CASE WHEN invited_1_2_teammates THEN 'invited_1_2_teammates' END,
    CASE WHEN invited_3_5_teammates THEN 'invited_3_5_teammates' END,
    CASE WHEN invited_6_teammates THEN 'invited_6_teammates' END,
    CASE WHEN active_5_of_the_last_7_days THEN 'active_5_of_the_last_7_days' END,
    CASE WHEN activated_within_an_hour THEN 'activated_within_an_hour' END,
    CASE WHEN usage_up_3_weeks_running THEN 'usage_up_3_weeks_running' END,
    CASE WHEN viewed_pricing_3_times THEN 'viewed_pricing_3_times' END,
    CASE WHEN asked_about_sso_scim_audit_logs THEN 'asked_about_sso_scim_audit_logs' END,
    CASE WHEN fit_1 THEN 'fit_1' END,
    CASE WHEN fit_2 THEN 'fit_2' END,
    CASE WHEN fit_3 THEN 'fit_3' END,
    CASE WHEN inactive_for_7_days THEN 'inactive_for_7_days' END,
    CASE WHEN usage_declining THEN 'usage_declining' END) AS fired
FROM scores
ORDER BY entity
