-- TURI = IF / T, IF = mean follower count of the followers (@ds/turi, duckdb; followers counted by profile, zeroTweets as-one).
WITH
node_counts AS (
  SELECT p."id" AS "id", p."tweet_count" AS "tweet_count", p."followers_count" AS "followers_count"
  FROM "profiles" AS p
),
follower_influence AS (
  SELECT e."followee_id" AS "id", CAST(SUM(f."followers_count") AS DOUBLE) / COUNT(*) AS "influence"
  FROM "edges" AS e
  JOIN node_counts AS f ON f."id" = e."follower_id"
  GROUP BY e."followee_id"
)
SELECT
  n."id",
  n."followers_count",
  i."influence",
  CASE
    WHEN i."influence" IS NULL THEN NULL
    WHEN n."tweet_count" = 0 THEN i."influence"
    ELSE i."influence" / n."tweet_count"
  END AS "turi"
FROM node_counts AS n
LEFT JOIN follower_influence AS i ON i."id" = n."id"
ORDER BY n."id"
