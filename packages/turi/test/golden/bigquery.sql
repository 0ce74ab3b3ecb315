-- TURI = IF / T, IF = mean follower count of the followers (@ds/turi, bigquery; followers counted by in-degree, zeroTweets as-one).
WITH
in_degree AS (
  SELECT e.`followee_id` AS `id`, COUNT(*) AS `followers_count`
  FROM `my-project`.`social`.`edges` AS e
  GROUP BY e.`followee_id`
),
node_counts AS (
  SELECT p.`id` AS `id`, p.`tweet_count` AS `tweet_count`, COALESCE(d.`followers_count`, 0) AS `followers_count`
  FROM `my-project`.`social`.`profiles` AS p
  LEFT JOIN in_degree AS d ON d.`id` = p.`id`
),
follower_influence AS (
  SELECT e.`followee_id` AS `id`, CAST(SUM(f.`followers_count`) AS FLOAT64) / COUNT(*) AS `influence`
  FROM `my-project`.`social`.`edges` AS e
  JOIN node_counts AS f ON f.`id` = e.`follower_id`
  GROUP BY e.`followee_id`
)
SELECT
  n.`id`,
  n.`followers_count`,
  i.`influence`,
  CASE
    WHEN i.`influence` IS NULL THEN NULL
    WHEN n.`tweet_count` = 0 THEN i.`influence`
    ELSE i.`influence` / n.`tweet_count`
  END AS `turi`
FROM node_counts AS n
LEFT JOIN follower_influence AS i ON i.`id` = n.`id`
ORDER BY n.`id`
