using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class VideoZoneConfiguration : IEntityTypeConfiguration<VideoZone>
{
    public void Configure(EntityTypeBuilder<VideoZone> builder)
    {
        builder.ToTable("video_zones");
        builder.HasKey(z => z.Id);
        builder.Property(z => z.ZoneId).IsRequired().HasMaxLength(64);
        builder.Property(z => z.Label).IsRequired().HasMaxLength(64);
        builder.Property(z => z.Kind).IsRequired().HasMaxLength(16);
        builder.Property(z => z.Coordinates).IsRequired().HasMaxLength(8000);
        builder.Property(z => z.Colour).HasMaxLength(16);
        builder.Property(z => z.Anchor).IsRequired().HasMaxLength(16);
        builder.HasIndex(z => new { z.VideoId, z.ZoneId }).IsUnique();
        builder.HasOne(z => z.Video).WithMany().HasForeignKey(z => z.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}
