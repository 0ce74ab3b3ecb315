-- spatialJoin intersects
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Intersects(l.`geometry`, r.`geometry`);

-- spatialJoin within
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Within(l.`geometry`, r.`geometry`);

-- spatialJoin contains
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Contains(l.`geometry`, r.`geometry`);

-- spatialJoin touches
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Touches(l.`geometry`, r.`geometry`);

-- spatialJoin crosses
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Crosses(l.`geometry`, r.`geometry`);

-- spatialJoin overlaps
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Overlaps(l.`geometry`, r.`geometry`);

-- spatialJoin covers
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Covers(l.`geometry`, r.`geometry`);

-- spatialJoin covered_by
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_CoveredBy(l.`geometry`, r.`geometry`);

-- spatialJoin contains_properly
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_Relate(l.`geometry`, r.`geometry`, 'T**FF*FF*');

-- spatialJoin dwithin; params [1000]
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_DistanceSpheroid(l.`geometry`, r.`geometry`) <= ?;

-- spatialJoin left, clashing names, qualified tables
SELECT l.`name` AS `name_left`, l.`geometry`, r.`name` AS `name_right` FROM `geo`.`cities` AS l LEFT JOIN `geo`.`countries` AS r ON ST_Intersects(l.`geometry`, r.`geometry`);

-- spatialJoin right, planar dwithin; params [5]
SELECT l.* FROM `a` AS l RIGHT JOIN `b` AS r ON ST_Distance(l.`geometry`, r.`geometry`) <= ?;

-- nearestJoin
WITH m AS (SELECT l.`city_id` AS k, MIN(ST_DistanceSpheroid(l.`geometry`, n.`geometry`)) AS d FROM `cities` AS l CROSS JOIN `airports` AS n GROUP BY l.`city_id`) SELECT l.*, r.`iata`, m.d AS `distance` FROM `cities` AS l JOIN m ON l.`city_id` = m.k JOIN `airports` AS r ON ST_DistanceSpheroid(l.`geometry`, r.`geometry`) = m.d;

-- nearestJoin maxDistance; params [50000]
WITH m AS (SELECT l.`city_id` AS k, MIN(ST_DistanceSpheroid(l.`geometry`, n.`geometry`)) AS d FROM `cities` AS l CROSS JOIN `airports` AS n WHERE ST_DistanceSpheroid(l.`geometry`, n.`geometry`) <= ? GROUP BY l.`city_id`) SELECT l.*, r.`iata`, m.d AS `metres` FROM `cities` AS l JOIN m ON l.`city_id` = m.k JOIN `airports` AS r ON ST_DistanceSpheroid(l.`geometry`, r.`geometry`) = m.d;

-- dissolve
SELECT `continent`, ST_Union_Aggr(`geometry`) AS `geometry`, SUM(`pop_est`) AS `pop_est`, AVG(`gdp_md_est`) AS `gdp_md_est`, COUNT(`name`) AS `name` FROM `countries` WHERE `continent` IS NOT NULL GROUP BY `continent` ORDER BY `continent`;

-- dissolve first/last/list, two keys, keep missing
SELECT `continent`, `subregion`, ST_Union_Aggr(`geometry`) AS `geometry`, min_by(`name`, `row_id`) FILTER (WHERE `name` IS NOT NULL) AS `name`, max_by(`iso_a3`, `row_id`) FILTER (WHERE `iso_a3` IS NOT NULL) AS `iso_a3`, collect_list(`pop_est`) AS `pop_est` FROM `countries` GROUP BY `continent`, `subregion` ORDER BY `continent`, `subregion`;

-- area
SELECT *, ST_AreaSpheroid(`geometry`) AS `area` FROM `countries`;

-- length
SELECT *, ST_LengthSpheroid(`geom`) AS `metres` FROM `roads`;
