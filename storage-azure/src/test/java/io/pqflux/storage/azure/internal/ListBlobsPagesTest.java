package io.pqflux.storage.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ParquetIOException;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.http.ListingPage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** List Blobs pages as Azure documents them (a response of the REST reference, snapshots and metadata left out). */
class ListBlobsPagesTest {

    @Test
    void blobsWithTheirPropertiesAndTheNextMarker() {
        ListingPage page = ListBlobsPages.parse("""
                <?xml version="1.0" encoding="utf-8"?>
                <EnumerationResults ServiceEndpoint="https://acct.blob.core.windows.net/" ContainerName="c">
                  <Prefix>dir/</Prefix><MaxResults>2</MaxResults>
                  <Blobs>
                    <Blob><Name>dir/a &amp; b.parquet</Name>
                      <Properties><Last-Modified>Mon, 23 Nov 2026 10:15:30 GMT</Last-Modified><Etag>0x8DCAFE</Etag>
                        <Content-Length>1234</Content-Length><BlobType>BlockBlob</BlobType></Properties></Blob>
                    <Blob><Name>dir/b.parquet</Name>
                      <Properties><Etag>"0x8DBEEF"</Etag><Content-Length>0</Content-Length></Properties></Blob>
                  </Blobs>
                  <NextMarker>2!48!opaque</NextMarker>
                </EnumerationResults>""", "az://c/dir/");
        assertThat(page.objects()).containsExactly(
                new StoredObject("dir/a & b.parquet", 1234, "\"0x8DCAFE\"", Instant.parse("2026-11-23T10:15:30Z")),
                new StoredObject("dir/b.parquet", 0, "\"0x8DBEEF\"", null));
        assertThat(page.nextToken()).isEqualTo("2!48!opaque");
        assertThat(ListBlobsPages.parse("<EnumerationResults><Blobs/><NextMarker/></EnumerationResults>", "az://c/").nextToken()).isNull();
    }

    @Test
    void malformedPagesFailNamingTheListing() {
        assertThatThrownBy(() -> ListBlobsPages.parse("<Error><Code>x</Code></Error>", "az://c/p"))
                .isInstanceOf(ParquetIOException.class).hasMessageContaining("az://c/p").hasMessageContaining("EnumerationResults");
        assertThatThrownBy(() -> ListBlobsPages.parse("<EnumerationResults><Blobs><Blob><Name>x</Name></Blob></Blobs></EnumerationResults>", "az://c/"))
                .isInstanceOf(ParquetIOException.class).hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> ListBlobsPages.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><EnumerationResults/>", "az://c/"))
                .isInstanceOf(ParquetIOException.class);
    }
}
