package io.descopefilter.cluster;

/** The cluster scenarios with {@code store=redis}: one real redis-server that every node connects to. */
class RedisClusterTest extends StoreOutageScenarios {

    private final SharedStoreSetup.Redis redis = new SharedStoreSetup.Redis();

    @Override
    SharedStoreSetup store() {
        return redis;
    }

    @Override
    void storeGoesAway() {
        redis.server.kill();
    }

    @Override
    void storeComesBack() {
        redis.server.startAgain();
    }
}
