package io.github.flinklakehouse.deploy.stack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Creates the warehouse bucket through the S3 API, the way any S3 client would, if it is missing. */
public final class BucketBootstrap {

    private BucketBootstrap() {
    }

    /**
     * An S3 client for the stack's store: path-style addressing and checksums only when required,
     * which S3-compatible stores need (see STACK.md).
     */
    public static S3Client client(StackEndpoints endpoints) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoints.s3Endpoint()))
                .region(Region.of(endpoints.s3Region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    static void ensureBucket(StackEndpoints endpoints) {
        try (S3Client s3 = client(endpoints)) {
            try {
                s3.headBucket(request -> request.bucket(endpoints.s3Bucket()));
            } catch (NoSuchBucketException e) {
                s3.createBucket(request -> request.bucket(endpoints.s3Bucket()));
            }
        }
    }
}
