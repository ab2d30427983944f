<?xml version="1.0" encoding="UTF-8"?>
<!-- home.xsl: the start page: my concerns, or the unit's for a leader. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Start page')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('Start page')"/></h1>
    <!-- A leader is alerted to urgent concerns in the unit at once. -->
    <xsl:if test="concerns[@scope = 'unit']/concern[@urgent]">
      <div class="callout urgent" role="alert">
        <h2><xsl:value-of select="i:t('Urgent concerns in the unit')"/></h2>
        <ul>
          <xsl:for-each select="concerns/concern[@urgent]">
            <li>
              <a href="/concerns/{@id}"><xsl:value-of select="@reference"/></a>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="i:t('written by {0}', @author)"/>
              <xsl:text>, </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:if test="user/@role = 'employee' or user/@role = 'leader'">
      <p class="actions">
        <a class="button primary" href="/forms/concern"><xsl:value-of select="i:t('Write down a concern')"/></a>
      </p>
    </xsl:if>
    <xsl:apply-templates select="concerns"/>
    <xsl:apply-templates select="drafts"/>
    <xsl:apply-templates select="forms"/>
    <xsl:if test="user/@role = 'admin'">
      <p><xsl:value-of select="i:t('Administrators manage units, users and forms. They do not see children’s cases.')"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="drafts">
    <h2><xsl:value-of select="i:t('My drafts')"/></h2>
    <xsl:choose>
      <xsl:when test="not(draft)">
        <p><xsl:value-of select="i:t('You have no drafts.')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <ul class="drafts">
          <xsl:for-each select="draft">
            <li>
              <a href="/forms/{@form}?draft={@id}"><xsl:value-of select="@title"/></a>
              <xsl:text> – </xsl:text>
              <xsl:value-of select="i:t('saved {0}, deleted {1}', @saved, @expires)"/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="forms">
    <h2><xsl:value-of select="i:t('Forms')"/></h2>
    <ul class="forms">
      <xsl:for-each select="form">
        <li><a href="/forms/{@id}"><xsl:value-of select="@title"/></a></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="concerns">
    <h2>
      <xsl:choose>
        <xsl:when test="@scope = 'unit'"><xsl:value-of select="i:t('Open concerns in the unit')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="i:t('My open concerns')"/></xsl:otherwise>
      </xsl:choose>
    </h2>
    <xsl:choose>
      <xsl:when test="not(concern)">
        <p><xsl:value-of select="i:t('There are no open concerns.')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <table class="list">
          <caption class="visually-hidden"><xsl:value-of select="i:t('Concerns, earliest deadline first')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="i:t('Reference')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Child')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Level')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Written')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Decide by')"/></th>
              <xsl:if test="@scope = 'unit'">
                <th scope="col"><xsl:value-of select="i:t('Written by')"/></th>
              </xsl:if>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="concern">
              <tr>
                <td>
                  <a href="/concerns/{@id}"><xsl:value-of select="@reference"/></a>
                  <xsl:if test="@urgent"> <strong class="tag urgent"><xsl:value-of select="i:t('Urgent')"/></strong></xsl:if>
                </td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@anonymous"><em><xsl:value-of select="i:t('Anonymous')"/></em></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@child"/></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><xsl:value-of select="@level"/></td>
                <td><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></td>
                <td>
                  <xsl:call-template name="date"><xsl:with-param name="d" select="@deadline"/></xsl:call-template>
                  <xsl:if test="@overdue"> <strong class="tag overdue"><xsl:value-of select="i:t('Past deadline')"/></strong></xsl:if>
                </td>
                <xsl:if test="../@scope = 'unit'">
                  <td><xsl:value-of select="@author"/></td>
                </xsl:if>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
